#include "daemon/util/hostname.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace costgate::daemon::util {
namespace {

TEST(Hostname, IsTheKernelsHostname) {
  std::ifstream in("/proc/sys/kernel/hostname");
  std::string expected;
  std::getline(in, expected);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(Hostname(), expected);
}

}  // namespace
}  // namespace costgate::daemon::util
