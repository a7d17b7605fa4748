// The two serving roles of the one binary.
#pragma once

namespace costgate::daemon::server {

enum class Role { kProxy, kCentral };

}  // namespace costgate::daemon::server
