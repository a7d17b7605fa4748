#include "tests/integration/command_helpers.h"

#include <sys/wait.h>

#include "tests/integration/process_helpers.h"

namespace costgate::integration {

CommandResult RunCostgate(const std::vector<std::string>& args, const std::filesystem::path& dir,
                          std::chrono::milliseconds wait) {
  SpawnOptions options;
  options.argv = {COSTGATE_BINARY};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.working_dir = dir;
  options.stdout_path = dir / "stdout";
  options.stderr_path = dir / "stderr";
  CommandResult result;
  const auto start = std::chrono::steady_clock::now();
  {
    ChildProcess child(options);
    const std::optional<int> status = child.WaitExit(wait);
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (status && WIFEXITED(*status)) {
      result.exit_code = WEXITSTATUS(*status);
    }
  }  // a command still running is killed here
  result.out = ReadFileOrEmpty(options.stdout_path);
  result.err = ReadFileOrEmpty(options.stderr_path);
  return result;
}

}  // namespace costgate::integration
