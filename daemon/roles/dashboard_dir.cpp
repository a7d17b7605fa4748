#include "daemon/roles/dashboard_dir.h"

#include <filesystem>
#include <system_error>

namespace costgate::daemon::roles {

std::vector<std::string> DashboardCandidates(const std::string& executable) {
  const std::filesystem::path dir = std::filesystem::path(executable).parent_path();
  // build/<preset>/daemon/costgate: three levels up is the source tree that holds dashboard/.
  // <prefix>/bin/costgate: packages put the built files in <prefix>/share/costgate/dashboard.
  return {(dir / "../../../dashboard/dist").lexically_normal().string(),
          (dir / "../share/costgate/dashboard").lexically_normal().string()};
}

std::string FindBuiltDashboard(const std::string& executable) {
  for (const std::string& candidate : DashboardCandidates(executable)) {
    std::error_code error;
    if (std::filesystem::is_regular_file(std::filesystem::path(candidate) / "index.html", error)) {
      return candidate;
    }
  }
  return "";
}

std::string OwnExecutable() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "" : self.string();
}

}  // namespace costgate::daemon::roles
