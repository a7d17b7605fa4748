#include "tests/integration/counting_listener_helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "tests/support/loopback_listener.h"

namespace costgate::integration {

CountingListener::CountingListener() {
  const test_support::LoopbackListener listener =
      test_support::ListenOnLoopback("counting listener");
  listen_fd_ = listener.fd;
  port_ = listener.port;
  wake_fd_ = eventfd(0, EFD_CLOEXEC);
  thread_ = std::thread([this] { Run(); });
}

CountingListener::~CountingListener() {
  const uint64_t one = 1;
  (void)!write(wake_fd_, &one, sizeof(one));
  thread_.join();
  close(wake_fd_);
  close(listen_fd_);
}

void CountingListener::Run() {
  std::vector<pollfd> fds = {{wake_fd_, POLLIN, 0}, {listen_fd_, POLLIN, 0}};
  for (;;) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      continue;
    }
    if (fds[0].revents != 0) {
      break;
    }
    if (fds[1].revents & POLLIN) {
      const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        connections_.fetch_add(1);
        fds.push_back({fd, POLLIN, 0});
      }
    }
    for (size_t i = 2; i < fds.size();) {
      if (fds[i].revents == 0) {
        ++i;
        continue;
      }
      char buffer[4096];
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        bytes_.fetch_add(static_cast<uint64_t>(n));
        ++i;
        continue;
      }
      close(fds[i].fd);
      fds.erase(fds.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  for (size_t i = 2; i < fds.size(); ++i) {
    close(fds[i].fd);
  }
}

}  // namespace costgate::integration
