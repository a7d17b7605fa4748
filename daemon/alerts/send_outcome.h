// How one delivery attempt went, as the alert log records it.
#pragma once

#include <string>

namespace costgate::daemon::alerts {

struct SendOutcome {
  bool sent = false;
  std::string detail;  // "SMTP 250", "HTTP 204", "HTTP 500", curl's error; never a secret
};

}  // namespace costgate::daemon::alerts
