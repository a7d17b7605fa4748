// The serving roles of the one binary.
#pragma once

namespace costgate::daemon::roles {

enum class Role {
  kProxy,    // costgate proxy: the metering proxy
  kCentral,  // costgate central: the /v1 API and the event store
  kAll,      // costgate all: both in one process
};

}  // namespace costgate::daemon::roles
