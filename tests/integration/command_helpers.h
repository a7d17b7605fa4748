// Running the costgate binary as a command (not as a daemon) and collecting what it printed.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace costgate::integration {

struct CommandResult {
  int exit_code = -1;  // -1: did not exit on its own within the wait, or killed by a signal
  std::string out;
  std::string err;
  std::chrono::milliseconds elapsed{0};
};

// Runs `costgate args...` in `dir` (stdout and stderr go to files there), waits at most `wait`
// and kills it after that.
CommandResult RunCostgate(const std::vector<std::string>& args, const std::filesystem::path& dir,
                          std::chrono::milliseconds wait);

}  // namespace costgate::integration
