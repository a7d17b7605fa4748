#include "daemon/roles/dashboard_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace costgate::daemon::roles {
namespace {

using test_support::TempDir;

TEST(DashboardDir, CandidatesAreTheSourceTreeThenTheInstalledShare) {
  EXPECT_EQ(DashboardCandidates("/src/costgate/build/release/daemon/costgate"),
            (std::vector<std::string>{"/src/costgate/dashboard/dist",
                                      "/src/costgate/build/release/share/costgate/dashboard"}));
  EXPECT_EQ(DashboardCandidates("/usr/bin/costgate")[1], "/usr/share/costgate/dashboard");
}

TEST(DashboardDir, FindsTheFirstCandidateHoldingAnIndex) {
  const TempDir tree;
  const std::filesystem::path binary = tree.path() / "build" / "release" / "daemon" / "costgate";
  EXPECT_EQ(FindBuiltDashboard(binary.string()), "");  // nothing built yet

  const std::filesystem::path share = tree.path() / "build" / "release" / "share" / "costgate";
  std::filesystem::create_directories(share / "dashboard");
  std::ofstream(share / "dashboard" / "index.html") << "<html></html>";
  EXPECT_EQ(FindBuiltDashboard(binary.string()), (share / "dashboard").string());

  // A dist/ without index.html (a build that failed half way) is passed over.
  std::filesystem::create_directories(tree.path() / "dashboard" / "dist");
  EXPECT_EQ(FindBuiltDashboard(binary.string()), (share / "dashboard").string());
  std::ofstream(tree.path() / "dashboard" / "dist" / "index.html") << "<html></html>";
  EXPECT_EQ(FindBuiltDashboard(binary.string()), (tree.path() / "dashboard" / "dist").string());
}

TEST(DashboardDir, OwnExecutableIsThisTestBinary) {
  EXPECT_EQ(std::filesystem::path(OwnExecutable()).filename(), "daemon_tests");
}

}  // namespace
}  // namespace costgate::daemon::roles
