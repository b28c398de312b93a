// The "complaints" and "customers" sections: classification rules that
// compute an attribute (kefu/policy/classification.h).
//
//   "complaints": {"grades": [{"grade": "major", "when": {...}}, {"grade": "ordinary"}]}
//   "customers":  {"tiers":  [{"tier": "A", "when": {...}}, {"tier": "C"}]}
//
// Example:
//   Diagnostics d;
//   Classification grades = read_classification(doc["complaints"], "/complaints",
//                                               "grades", "grade", d);
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_CLASSIFICATION_SECTION_H_
#define KEFU_SRC_POLICY_CLASSIFICATION_SECTION_H_

#include <string>
#include <string_view>

#include "kefu/policy/classification.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// Reads the section object at `pointer`, whose key `list` ("grades") holds
// rules naming `attribute` ("grade"); with `channels`, the section may also
// list "channels" (strings). Every error goes to `d`.
Classification read_classification(const Json& value, const std::string& pointer,
                                   std::string_view list, std::string_view attribute,
                                   bool channels, Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_CLASSIFICATION_SECTION_H_
