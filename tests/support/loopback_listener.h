// A TCP socket listening on 127.0.0.1 at a port the kernel picks: what every test server in the
// suite (fake upstreams, a fake central, counting listeners) starts from.
#pragma once

#include <cstdint>
#include <string_view>

namespace costgate::test_support {

struct LoopbackListener {
  int fd = -1;
  uint16_t port = 0;
};

// Listening (backlog 64, close-on-exec); throws std::runtime_error naming `who` when it cannot.
LoopbackListener ListenOnLoopback(std::string_view who);

}  // namespace costgate::test_support
