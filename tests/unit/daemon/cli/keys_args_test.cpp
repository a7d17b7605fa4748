#include "daemon/cli/keys_args.h"

#include <gtest/gtest.h>

#include "central/keys/api_key.h"
#include "central/store/store.h"

namespace costgate::daemon::cli {
namespace {

std::optional<KeysArgs> ParseKeys(std::vector<std::string_view> args) {
  return ParseKeysArgs(args);
}

constexpr uint8_t Bits(central::Scope a, central::Scope b) {
  return static_cast<uint8_t>(static_cast<uint8_t>(a) | static_cast<uint8_t>(b));
}

TEST(ParseKeysArgs, CreateReadsNameAndSourceApp) {
  const auto args = ParseKeys({"create", "--name", "ci", "--source-app", "video-accessibility"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->subcommand, "create");
  EXPECT_EQ(args->name, "ci");
  EXPECT_EQ(args->source_app, "video-accessibility");
}

TEST(ParseKeysArgs, CreateDefaultsToEveryIngestScopeAndAnyWorkspace) {
  const auto args = ParseKeys({"create", "--name", "ci", "--source-app", "app"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->scopes, 0x0f);
  EXPECT_EQ(args->workspace, "");
}

TEST(ParseKeysArgs, CreateReadsScopesAndWorkspace) {
  const auto args = ParseKeys(
      {"create", "--name=ci", "--source-app=app", "--scopes=record,ship", "--workspace", "ford"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->scopes, Bits(central::Scope::kRecord, central::Scope::kShip));
  EXPECT_EQ(args->workspace, "ford");
}

TEST(ParseKeysArgs, CreateAcceptsAllAsScopes) {
  const auto args = ParseKeys({"create", "--name", "ci", "--source-app", "app", "--scopes", "all"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->scopes, 0x0f);
}

TEST(ParseKeysArgs, CreateRefusesAnUnknownScope) {
  EXPECT_FALSE(ParseKeys({"create", "--name", "ci", "--source-app", "app", "--scopes", "owner"}));
}

TEST(ParseKeysArgs, AnAdminKeyNeedsNoSourceAppAndAllDoesNotIncludeAdmin) {
  const auto admin = ParseKeys({"create", "--name", "ops", "--scopes", "admin"});
  ASSERT_TRUE(admin.has_value());
  EXPECT_EQ(admin->scopes, static_cast<uint8_t>(central::Scope::kAdmin));
  EXPECT_EQ(admin->source_app, "");
  // A key that also ingests still names its app.
  EXPECT_FALSE(ParseKeys({"create", "--name", "ops", "--scopes", "admin,record"}));
  const auto all = ParseKeys({"create", "--name", "ci", "--source-app", "app"});
  ASSERT_TRUE(all.has_value());
  EXPECT_FALSE(central::HasScope(all->scopes, central::Scope::kAdmin));
}

TEST(ParseKeysArgs, CreateNeedsAName) {
  EXPECT_FALSE(ParseKeys({"create", "--source-app", "app"}));
}

TEST(ParseKeysArgs, CreateNeedsASourceApp) { EXPECT_FALSE(ParseKeys({"create", "--name", "ci"})); }

TEST(ParseKeysArgs, CreateRefusesANameShapedLikeAnId) {
  EXPECT_FALSE(ParseKeys({"create", "--name", "key_0123456789ab", "--source-app", "app"}));
}

TEST(ParseKeysArgs, CreateRefusesAControlCharacterInTheName) {
  EXPECT_FALSE(ParseKeys({"create", "--name", "ci\n", "--source-app", "app"}));
}

// The key's source_app and workspace are stamped on events that carry none: each of the three
// texts follows central's rule for labels (base/text_rule.h).
TEST(ParseKeysArgs, CreateRefusesTextBreakingTheRuleInEachOption) {
  const std::string bad[] = {std::string(257, 'a'), "a\x01", "a\x7f", "\xc2\x85", "caf\xe9"};
  for (const std::string& value : bad) {
    EXPECT_FALSE(ParseKeys({"create", "--name", value, "--source-app", "app"}));
    EXPECT_FALSE(ParseKeys({"create", "--name", "ci", "--source-app", value}));
    EXPECT_FALSE(
        ParseKeys({"create", "--name", "ci", "--source-app", "app", "--workspace", value}));
  }
}

TEST(ParseKeysArgs, CreateTakesTextUpToTheLimitInEachOption) {
  const std::string at_limit(256, 'a');
  EXPECT_TRUE(ParseKeys(
      {"create", "--name", at_limit, "--source-app", at_limit, "--workspace", "Zoë 日本"}));
}

TEST(ParseKeysArgs, CreateRefusesAPositionalArgument) {
  EXPECT_FALSE(ParseKeys({"create", "--name", "ci", "--source-app", "app", "extra"}));
}

TEST(ParseKeysArgs, ListReadsJson) {
  const auto args = ParseKeys({"list", "--json"});
  ASSERT_TRUE(args.has_value());
  EXPECT_TRUE(args->json);
}

TEST(ParseKeysArgs, ListRefusesCreateOptions) { EXPECT_FALSE(ParseKeys({"list", "--name", "ci"})); }

TEST(ParseKeysArgs, JsonTakesNoValue) { EXPECT_FALSE(ParseKeys({"list", "--json=yes"})); }

TEST(ParseKeysArgs, RevokeReadsItsTarget) {
  const auto args = ParseKeys({"revoke", "key_0123456789ab"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->target, "key_0123456789ab");
}

TEST(ParseKeysArgs, RevokeNeedsExactlyOneTarget) {
  EXPECT_FALSE(ParseKeys({"revoke"}));
  EXPECT_FALSE(ParseKeys({"revoke", "a", "b"}));
}

TEST(ParseKeysArgs, RevokeRefusesJson) { EXPECT_FALSE(ParseKeys({"revoke", "ci", "--json"})); }

TEST(ParseKeysArgs, EverySubcommandReadsConfig) {
  EXPECT_EQ(ParseKeys({"list", "--config", "/etc/c.yaml"})->config_path, "/etc/c.yaml");
  EXPECT_EQ(ParseKeys({"revoke", "ci", "-c", "/etc/c.yaml"})->config_path, "/etc/c.yaml");
  EXPECT_EQ(
      ParseKeys({"create", "--name", "ci", "--source-app", "a", "--config=/c.yaml"})->config_path,
      "/c.yaml");
}

TEST(ParseKeysArgs, ConfigIsEmptyWhenNotGiven) { EXPECT_EQ(ParseKeys({"list"})->config_path, ""); }

TEST(ParseKeysArgs, OptionWithoutItsValueIsRefused) {
  EXPECT_FALSE(ParseKeys({"create", "--name", "ci", "--source-app"}));
}

TEST(ParseKeysArgs, UnknownOptionIsRefused) { EXPECT_FALSE(ParseKeys({"list", "--all"})); }

TEST(ParseKeysArgs, UnknownSubcommandIsRefused) { EXPECT_FALSE(ParseKeys({"delete", "ci"})); }

TEST(ParseKeysArgs, NoSubcommandIsRefused) { EXPECT_FALSE(ParseKeys({})); }

}  // namespace
}  // namespace costgate::daemon::cli
