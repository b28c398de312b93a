// `kefu replay --kpi FILE`: the engine's KPI document written to a file,
// for the plain replay and the journaled one alike.
#ifndef KEFU_SRC_CLI_KPI_FILE_H_
#define KEFU_SRC_CLI_KPI_FILE_H_

#include <optional>
#include <string>

#include "kefu/engine/engine.h"

namespace kefu::cli {

// Writes engine::kpi_json of the engine's months, and a newline, to `path`.
// Returns the error line to print ("error: --kpi: cannot write ..."), or
// nullopt.
std::optional<std::string> write_kpi_file(const std::string& path,
                                          const engine::Engine& engine);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_KPI_FILE_H_
