#include "daemon/cli/keys_args.h"

#include <gtest/gtest.h>

#include "central/store/store.h"

namespace costgate::daemon::cli {
namespace {

std::optional<KeysArgs> Parse(std::vector<std::string_view> args) { return ParseKeysArgs(args); }

constexpr uint8_t Bits(central::Scope a, central::Scope b) {
  return static_cast<uint8_t>(static_cast<uint8_t>(a) | static_cast<uint8_t>(b));
}

TEST(ParseKeysArgs, CreateReadsNameAndSourceApp) {
  const auto args = Parse({"create", "--name", "ci", "--source-app", "video-accessibility"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->subcommand, "create");
  EXPECT_EQ(args->name, "ci");
  EXPECT_EQ(args->source_app, "video-accessibility");
}

TEST(ParseKeysArgs, CreateDefaultsToEveryScopeAndAnyWorkspace) {
  const auto args = Parse({"create", "--name", "ci", "--source-app", "app"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->scopes, 0x0f);
  EXPECT_EQ(args->workspace, "");
}

TEST(ParseKeysArgs, CreateReadsScopesAndWorkspace) {
  const auto args = Parse(
      {"create", "--name=ci", "--source-app=app", "--scopes=record,ship", "--workspace", "ford"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->scopes, Bits(central::Scope::kRecord, central::Scope::kShip));
  EXPECT_EQ(args->workspace, "ford");
}

TEST(ParseKeysArgs, CreateAcceptsAllAsScopes) {
  const auto args = Parse({"create", "--name", "ci", "--source-app", "app", "--scopes", "all"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->scopes, 0x0f);
}

TEST(ParseKeysArgs, CreateRefusesAnUnknownScope) {
  EXPECT_FALSE(Parse({"create", "--name", "ci", "--source-app", "app", "--scopes", "admin"}));
}

TEST(ParseKeysArgs, CreateNeedsAName) { EXPECT_FALSE(Parse({"create", "--source-app", "app"})); }

TEST(ParseKeysArgs, CreateNeedsASourceApp) { EXPECT_FALSE(Parse({"create", "--name", "ci"})); }

TEST(ParseKeysArgs, CreateRefusesANameShapedLikeAnId) {
  EXPECT_FALSE(Parse({"create", "--name", "key_0123456789ab", "--source-app", "app"}));
}

TEST(ParseKeysArgs, CreateRefusesAControlCharacterInTheName) {
  EXPECT_FALSE(Parse({"create", "--name", "ci\n", "--source-app", "app"}));
}

TEST(ParseKeysArgs, CreateRefusesAPositionalArgument) {
  EXPECT_FALSE(Parse({"create", "--name", "ci", "--source-app", "app", "extra"}));
}

TEST(ParseKeysArgs, ListReadsJson) {
  const auto args = Parse({"list", "--json"});
  ASSERT_TRUE(args.has_value());
  EXPECT_TRUE(args->json);
}

TEST(ParseKeysArgs, ListRefusesCreateOptions) { EXPECT_FALSE(Parse({"list", "--name", "ci"})); }

TEST(ParseKeysArgs, JsonTakesNoValue) { EXPECT_FALSE(Parse({"list", "--json=yes"})); }

TEST(ParseKeysArgs, RevokeReadsItsTarget) {
  const auto args = Parse({"revoke", "key_0123456789ab"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->target, "key_0123456789ab");
}

TEST(ParseKeysArgs, RevokeNeedsExactlyOneTarget) {
  EXPECT_FALSE(Parse({"revoke"}));
  EXPECT_FALSE(Parse({"revoke", "a", "b"}));
}

TEST(ParseKeysArgs, RevokeRefusesJson) { EXPECT_FALSE(Parse({"revoke", "ci", "--json"})); }

TEST(ParseKeysArgs, EverySubcommandReadsConfig) {
  EXPECT_EQ(Parse({"list", "--config", "/etc/c.yaml"})->config_path, "/etc/c.yaml");
  EXPECT_EQ(Parse({"revoke", "ci", "-c", "/etc/c.yaml"})->config_path, "/etc/c.yaml");
  EXPECT_EQ(Parse({"create", "--name", "ci", "--source-app", "a", "--config=/c.yaml"})->config_path,
            "/c.yaml");
}

TEST(ParseKeysArgs, ConfigIsEmptyWhenNotGiven) { EXPECT_EQ(Parse({"list"})->config_path, ""); }

TEST(ParseKeysArgs, OptionWithoutItsValueIsRefused) {
  EXPECT_FALSE(Parse({"create", "--name", "ci", "--source-app"}));
}

TEST(ParseKeysArgs, UnknownOptionIsRefused) { EXPECT_FALSE(Parse({"list", "--all"})); }

TEST(ParseKeysArgs, UnknownSubcommandIsRefused) { EXPECT_FALSE(Parse({"delete", "ci"})); }

TEST(ParseKeysArgs, NoSubcommandIsRefused) { EXPECT_FALSE(Parse({})); }

}  // namespace
}  // namespace costgate::daemon::cli
