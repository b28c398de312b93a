#include "cli/store_opener.h"

#include <filesystem>
#include <ostream>
#include <system_error>

namespace kefu::cli {

std::optional<store::Store> open_store(const std::string& path,
                                       std::optional<std::string_view> policy_document,
                                       std::ostream& err) {
  std::error_code ec;
  if (!policy_document && !std::filesystem::exists(path, ec)) {
    err << "error: store " << path << ": no such file\n";
    return std::nullopt;
  }
  Result<store::Store> opened = store::Store::open(path, policy_document);
  if (!opened.ok()) {
    err << "error: " << opened.status().to_string() << "\n";
    return std::nullopt;
  }
  for (const std::string& why : opened->recovery().skipped)
    err << "warning: store " << path << ": " << why << "; recovered from an older one\n";
  return std::move(opened).value();
}

}  // namespace kefu::cli
