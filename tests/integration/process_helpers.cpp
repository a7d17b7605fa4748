#include "tests/integration/process_helpers.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace costgate::integration {
namespace {

std::vector<std::string> ChildEnvironment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "COSTGATE_", 9) != 0) {
      env.emplace_back(*entry);
    }
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) {
    pointers.push_back(s.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

std::string OutputPath(const std::filesystem::path& path) {
  return path.empty() ? std::string("/dev/null") : path.string();
}

}  // namespace

ChildProcess::ChildProcess(const SpawnOptions& options) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int stdin_read_fd = -1;
  if (options.stdin_pipe) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe2 failed");
    }
    stdin_read_fd = fds[0];
    stdin_fd_ = fds[1];
    posix_spawn_file_actions_adddup2(&actions, stdin_read_fd, STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  const std::string out = OutputPath(options.stdout_path);
  const std::string err = OutputPath(options.stderr_path);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const std::string dir = options.working_dir.string();
  if (!dir.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  }

  std::vector<std::string> args = options.argv;
  std::vector<std::string> env = ChildEnvironment(options.extra_env);
  std::vector<char*> argv = CStrings(args);  // posix_spawnp: argv[0] may be a bare name
  std::vector<char*> envp = CStrings(env);
  const int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (stdin_read_fd >= 0) {
    close(stdin_read_fd);
  }
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
  }
}

ChildProcess::~ChildProcess() {
  Kill();
  if (stdin_fd_ >= 0) {
    close(stdin_fd_);
  }
}

bool ChildProcess::Running() { return !WaitExit(Millis(0)).has_value(); }

void ChildProcess::Signal(int signal_number) {
  if (pid_ > 0 && !exit_status_) {
    kill(pid_, signal_number);
  }
}

std::optional<int> ChildProcess::WaitExit(Millis timeout) {
  if (exit_status_ || pid_ <= 0) {
    return exit_status_;
  }
  // glibc 2.36's <sys/pidfd.h> lacks extern "C", hence the raw syscall.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    poll(&p, 1, static_cast<int>(timeout.count()));
    close(pidfd);
  }
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    exit_status_ = status;
  }
  return exit_status_;
}

void ChildProcess::Kill() {
  if (pid_ <= 0 || exit_status_) {
    return;
  }
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  exit_status_ = status;
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) {
    return "exited with code " + std::to_string(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return "killed by signal " + std::to_string(WTERMSIG(status));
  }
  return "wait status " + std::to_string(status);
}

std::string ReadFileOrEmpty(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

void WriteFile(const std::filesystem::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::string TailOfFile(const std::filesystem::path& path, size_t lines) {
  const std::string text = ReadFileOrEmpty(path);
  size_t start = text.size();
  size_t newlines = 0;
  while (start > 0) {
    if (text[start - 1] == '\n' && ++newlines > lines) {
      break;
    }
    --start;
  }
  return text.substr(start);
}

}  // namespace costgate::integration
