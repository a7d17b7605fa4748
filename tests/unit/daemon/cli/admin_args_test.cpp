#include "daemon/cli/admin_args.h"

#include <gtest/gtest.h>

namespace costgate::daemon::cli {
namespace {

std::optional<AdminArgs> ParseAdmin(std::vector<std::string_view> args) {
  return ParseAdminArgs(args);
}

TEST(ParseAdminArgs, CreateDefaultsToAnAdminWithAGeneratedPassword) {
  const auto args = ParseAdmin({"create", "--user", "alice"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->subcommand, "create");
  EXPECT_EQ(args->user, "alice");
  EXPECT_EQ(args->role, central::Role::kAdmin);
  EXPECT_FALSE(args->password_stdin);
}

TEST(ParseAdminArgs, CreateReadsRolePasswordStdinAndConfig) {
  const auto args = ParseAdmin(
      {"create", "--user=bob", "--role", "viewer", "--password-stdin", "--config", "c.yaml"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->role, central::Role::kViewer);
  EXPECT_TRUE(args->password_stdin);
  EXPECT_EQ(args->config_path, "c.yaml");
}

TEST(ParseAdminArgs, ListTakesNoUser) {
  EXPECT_TRUE(ParseAdmin({"list"}).has_value());
  EXPECT_FALSE(ParseAdmin({"list", "--user", "alice"}).has_value());
}

TEST(ParseAdminArgs, PasswdNeedsTheUserAndStdin) {
  EXPECT_TRUE(ParseAdmin({"passwd", "--user", "alice", "--password-stdin"}).has_value());
  EXPECT_FALSE(ParseAdmin({"passwd", "--user", "alice"}).has_value());
  EXPECT_FALSE(ParseAdmin({"passwd", "--password-stdin"}).has_value());
}

TEST(ParseAdminArgs, MistakesAreRefused) {
  EXPECT_FALSE(ParseAdmin({}).has_value());
  EXPECT_FALSE(ParseAdmin({"rename", "--user", "a"}).has_value());
  EXPECT_FALSE(ParseAdmin({"create"}).has_value());
  EXPECT_FALSE(ParseAdmin({"create", "--user", "has space"}).has_value());
  EXPECT_FALSE(ParseAdmin({"create", "--user", "a", "--role", "owner"}).has_value());
  EXPECT_FALSE(ParseAdmin({"delete", "--user", "a", "--role", "admin"}).has_value());
  EXPECT_FALSE(ParseAdmin({"delete", "--user", "a", "--password-stdin"}).has_value());
  EXPECT_FALSE(ParseAdmin({"create", "--user", "a", "extra"}).has_value());
  EXPECT_FALSE(ParseAdmin({"create", "--user", "a", "--password-stdin=yes"}).has_value());
}

}  // namespace
}  // namespace costgate::daemon::cli
