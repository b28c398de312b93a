// Runs the `kefu` binary as a subprocess for the command-line tests.
//
// Files, not pipes, carry the three streams, so no buffer can fill and block
// either side. Each test process writes them in a scratch directory of its
// own, removed when the process ends.
#ifndef KEFU_TESTS_CLI_KEFU_PROCESS_H_
#define KEFU_TESTS_CLI_KEFU_PROCESS_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace kefu::cli::testing {

inline const std::string kReference = KEFU_SOURCE_DIR "/examples/policies/reference.json";

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "/kefu_cli_test_XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline const std::string& TempDir() {
  static const ScratchDir dir;
  EXPECT_FALSE(dir.path().empty()) << "mkdtemp failed";
  return dir.path();
}

// Writes `text` to a file in TempDir() and returns its path.
inline std::string TempFile(const std::string& name, const std::string& text) {
  std::string path = TempDir() + "/" + name;
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path;
}

// Runs `kefu args...` with `input` on stdin.
inline Outcome Kefu(const std::vector<std::string>& args, const std::string& input = "") {
  const std::string in_path = TempFile("stdin", input);
  const std::string out_path = TempDir() + "/stdout";
  const std::string err_path = TempDir() + "/stderr";
  std::vector<std::string> argv_strings = {KEFU_CLI_PATH};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  Outcome run;
  pid_t pid;
  int rc = posix_spawn(&pid, KEFU_CLI_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0) << "cannot run " << KEFU_CLI_PATH;
  if (rc == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(out_path);
    run.err = Slurp(err_path);
  }
  return run;
}

}  // namespace kefu::cli::testing

#endif  // KEFU_TESTS_CLI_KEFU_PROCESS_H_
