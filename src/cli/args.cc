#include "cli/args.h"

#include <algorithm>

namespace kefu::cli {
namespace {

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

Result<Flags> Flags::Parse(const std::vector<std::string_view>& args,
                           const std::vector<std::string_view>& known) {
  Flags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      flags.help_ = true;
      continue;
    }
    if (arg.substr(0, 2) != "--" || arg.size() == 2) {
      return Status::InvalidArgument("unexpected argument \"" +
                                     std::string(arg) + "\"");
    }
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (std::size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Status::InvalidArgument("unknown flag \"" + std::string(name) +
                                     "\"; expected one of " + join(known));
    }
    if (!value) {
      // A following flag is not a value: "--from --to X" lacks a --from.
      if (i + 1 == args.size() || args[i + 1].substr(0, 2) == "--") {
        return Status::InvalidArgument("flag " + std::string(name) +
                                       " needs a value");
      }
      value = args[++i];
    }
    if (!flags.values_.emplace(std::string(name), std::string(*value))
             .second) {
      return Status::InvalidArgument("flag " + std::string(name) +
                                     " given twice");
    }
  }
  return flags;
}

std::optional<std::string> Flags::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace kefu::cli
