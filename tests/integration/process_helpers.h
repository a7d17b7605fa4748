// Child processes for integration tests: spawn, signal, wait with a deadline, and always reap.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace costgate::integration {

using Millis = std::chrono::milliseconds;

struct SpawnOptions {
  std::vector<std::string> argv;       // argv[0]: a path, or a name looked up in PATH
  std::vector<std::string> extra_env;  // "NAME=value", added to the parent's environment
  std::filesystem::path working_dir;   // empty: inherit
  std::filesystem::path stdout_path;   // empty: /dev/null
  std::filesystem::path stderr_path;   // empty: /dev/null
  bool stdin_pipe = false;             // child's stdin is a pipe held open until this object dies
};

// A running child. The destructor SIGKILLs and reaps it if it is still running, so a failed
// test never leaves a process behind. COSTGATE_* variables of the parent are not inherited:
// tests must be hermetic.
class ChildProcess {
 public:
  // Throws std::runtime_error when the program cannot be started.
  explicit ChildProcess(const SpawnOptions& options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  void Signal(int signal_number);
  // The wait status (as from waitpid) once the child exits, nullopt if it is still running
  // after `timeout`.
  std::optional<int> WaitExit(Millis timeout);
  // SIGKILL and reap; a no-op once the child is reaped.
  void Kill();

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
  int stdin_fd_ = -1;
};

// "exited with code 0", "killed by signal 9": for assertion messages.
std::string DescribeWaitStatus(int status);

// Whole file contents; "" when the file does not exist.
std::string ReadFileOrEmpty(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, std::string_view contents);

// The last `lines` lines of a file, for failure messages.
std::string TailOfFile(const std::filesystem::path& path, size_t lines);

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
using test_support::TempDir;

}  // namespace costgate::integration
