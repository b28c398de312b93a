// The bundled holiday data, compiled in from src/time/data/ by the build.
#ifndef KEFU_SRC_TIME_BUNDLED_DATA_H_
#define KEFU_SRC_TIME_BUNDLED_DATA_H_

#include <string_view>

namespace kefu::time::internal {

// The text of src/time/data/cn-statutory.json.
std::string_view cn_statutory_json();

}  // namespace kefu::time::internal

#endif  // KEFU_SRC_TIME_BUNDLED_DATA_H_
