// A loopback port that is bound but never listened on: connecting to it is refused at once. Held
// for as long as the test needs it, so that no other process can take the port meanwhile.
#pragma once

#include <cstdint>

namespace costgate::test_support {

class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  uint16_t port() const { return port_; }

 private:
  int fd_;
  uint16_t port_ = 0;
};

}  // namespace costgate::test_support
