#include "cli/policy_loader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ostream>

namespace kefu::cli {

std::optional<policy::Policy> load_policy(const std::string& path,
                                          std::ostream& err) {
  Result<policy::Policy> policy = policy::Policy::Load(path);
  if (!policy.ok()) {
    const Status& s = policy.status();
    if (s.code() == StatusCode::kInvalidPolicy) {
      // The first error only: `kefu check` lists them all.
      err << "error: policy " << path << ": " << s.to_string() << "\n";
    } else {
      err << "error: " << s.to_string() << "\n";
    }
    return std::nullopt;
  }
  return std::move(policy).value();
}

std::optional<LoadedCalendar> load_calendar(const std::string& path,
                                            std::string_view name,
                                            std::ostream& err) {
  std::optional<policy::Policy> policy = load_policy(path, err);
  if (!policy) return std::nullopt;
  const time::Calendar* calendar = policy->calendar(name);
  if (calendar == nullptr) {
    err << "error: unknown calendar \"" << name << "\"; policy " << path
        << " defines";
    for (const std::string& n : policy->names()) err << " " << n;
    err << "\n";
    return std::nullopt;
  }
  return LoadedCalendar{std::move(policy).value(), calendar};
}

std::optional<std::string> read_text_file(const std::string& path,
                                          std::ostream& err) {
  // stdio, not ifstream: it reports why (errno), a directory included.
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    err << "error: cannot read the policy file \"" << path
        << "\": " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    text.append(buffer, n);
  }
  int error = std::ferror(file) != 0 ? errno : 0;
  std::fclose(file);
  if (error != 0) {
    err << "error: cannot read the policy file \"" << path
        << "\": " << std::strerror(error) << "\n";
    return std::nullopt;
  }
  return text;
}

}  // namespace kefu::cli
