#include "cli/kpi_file.h"

#include <cstdio>

#include "kefu/engine/kpi.h"

namespace kefu::cli {

std::optional<std::string> write_kpi_file(const std::string& path,
                                          const engine::Engine& engine) {
  const std::string doc = engine::kpi_json(engine.kpi_months(), engine.policy()) + "\n";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  bool failed = file == nullptr || std::fwrite(doc.data(), 1, doc.size(), file) != doc.size();
  if (file != nullptr && std::fclose(file) != 0) failed = true;
  if (failed) return "error: --kpi: cannot write \"" + path + "\"\n";
  return std::nullopt;
}

}  // namespace kefu::cli
