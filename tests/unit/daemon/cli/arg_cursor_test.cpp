#include "daemon/cli/arg_cursor.h"

#include <gtest/gtest.h>

namespace costgate::daemon::cli {
namespace {

TEST(ArgCursor, ReadsPositionalsAndOptionsBothWays) {
  const std::vector<std::string_view> args = {
      "create", "x", "--name", "a", "--period=monthly", "-c", "c.yaml", "--json", "--model="};
  ArgCursor arg(args, 1);
  ASSERT_TRUE(arg.Next());
  EXPECT_TRUE(arg.positional());
  EXPECT_EQ(arg.text(), "x");
  ASSERT_TRUE(arg.Next());
  EXPECT_EQ(arg.option(), "--name");
  EXPECT_FALSE(arg.inline_value().has_value());
  EXPECT_EQ(arg.TakeValue(), "a");
  ASSERT_TRUE(arg.Next());
  EXPECT_EQ(arg.option(), "--period");
  EXPECT_EQ(arg.TakeValue(), "monthly");
  ASSERT_TRUE(arg.Next());
  EXPECT_EQ(arg.option(), "--config");
  EXPECT_EQ(arg.TakeValue(), "c.yaml");
  ASSERT_TRUE(arg.Next());
  EXPECT_EQ(arg.option(), "--json");
  EXPECT_FALSE(arg.inline_value().has_value());
  ASSERT_TRUE(arg.Next());
  EXPECT_EQ(arg.option(), "--model");
  EXPECT_EQ(arg.inline_value(), "");  // "--model=": an empty value, given
  EXPECT_FALSE(arg.Next());
}

TEST(ArgCursor, AnOptionLastHasNoValue) {
  const std::vector<std::string_view> args = {"set", "--name"};
  ArgCursor arg(args, 1);
  ASSERT_TRUE(arg.Next());
  EXPECT_EQ(arg.TakeValue(), std::nullopt);
  EXPECT_FALSE(arg.Next());
}

}  // namespace
}  // namespace costgate::daemon::cli
