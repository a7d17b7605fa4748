// Where central serves the dashboard from: central.static_dir when it names a directory, none
// when it says "off", and when it is empty (the default) the dashboard built beside the binary:
// dashboard/dist of the source tree for a build-tree binary (build/<preset>/daemon/costgate), or
// share/costgate/dashboard for an installed one (/usr/bin/costgate).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace costgate::daemon::roles {

inline constexpr std::string_view kStaticDirOff = "off";

// The directories tried, in order, for a binary at `executable` (an absolute path).
std::vector<std::string> DashboardCandidates(const std::string& executable);

// The first of DashboardCandidates(executable) that holds an index.html; "" when none does.
std::string FindBuiltDashboard(const std::string& executable);

// This process's binary (/proc/self/exe); "" when it cannot be read.
std::string OwnExecutable();

}  // namespace costgate::daemon::roles
