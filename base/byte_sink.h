// Receiver of the bytes a stream reader produces (decoded body, event data, ...).
#pragma once

#include <string_view>

namespace costgate::base {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // The next piece, in order. The view is valid only during the call.
  virtual void Write(std::string_view bytes) noexcept = 0;
};

}  // namespace costgate::base
