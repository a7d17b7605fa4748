// The keys subcommands on a real in-memory store (the secret they print goes to the test log).
#include "daemon/cli/keys.h"

#include <gtest/gtest.h>

#include "central/keys/api_key.h"
#include "central/store/open_store.h"

namespace costgate::daemon::cli {
namespace {

constexpr int64_t kNow = 1'767'225'600'000;

std::unique_ptr<central::Store> MemoryStore() {
  auto opened = central::OpenStore({config::StoreLocation::Kind::kSqlite, ":memory:"},
                                   config::SqliteSynchronous::kNormal);
  return std::move(std::get<std::unique_ptr<central::Store>>(opened));
}

KeysArgs CreateArgs(const std::string& name) {
  KeysArgs args;
  args.subcommand = "create";
  args.name = name;
  args.source_app = "video-accessibility";
  args.scopes = static_cast<uint8_t>(central::Scope::kShip);
  args.workspace = "ford";
  return args;
}

KeysArgs RevokeArgs(const std::string& target) {
  KeysArgs args;
  args.subcommand = "revoke";
  args.target = target;
  return args;
}

std::vector<central::ApiKeyRecord> Keys(central::Store& store) {
  return std::get<std::vector<central::ApiKeyRecord>>(store.ListKeys());
}

TEST(KeysCreate, StoresTheKeyWithItsSettings) {
  auto store = MemoryStore();
  ASSERT_EQ(KeysCreate(CreateArgs("ci"), *store, kNow), 0);
  const auto keys = Keys(*store);
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].name, "ci");
  EXPECT_EQ(keys[0].source_app, "video-accessibility");
  EXPECT_EQ(keys[0].scopes, static_cast<uint8_t>(central::Scope::kShip));
  EXPECT_EQ(keys[0].workspace, "ford");
  EXPECT_EQ(keys[0].created_unix_ms, kNow);
  EXPECT_TRUE(keys[0].prefix.starts_with("ct_live_"));
}

TEST(KeysCreate, TakenNameExitsOneAndStoresNothing) {
  auto store = MemoryStore();
  KeysCreate(CreateArgs("ci"), *store, kNow);
  EXPECT_EQ(KeysCreate(CreateArgs("ci"), *store, kNow), 1);
  EXPECT_EQ(Keys(*store).size(), 1u);
}

TEST(KeysRevoke, KnownNameExitsZeroAndRevokes) {
  auto store = MemoryStore();
  KeysCreate(CreateArgs("ci"), *store, kNow);
  EXPECT_EQ(KeysRevoke(RevokeArgs("ci"), *store, kNow + 5), 0);
  EXPECT_EQ(Keys(*store)[0].revoked_unix_ms, kNow + 5);
}

TEST(KeysRevoke, KnownIdExitsZero) {
  auto store = MemoryStore();
  KeysCreate(CreateArgs("ci"), *store, kNow);
  EXPECT_EQ(KeysRevoke(RevokeArgs(Keys(*store)[0].id), *store, kNow + 5), 0);
}

TEST(KeysRevoke, AlreadyRevokedExitsZero) {
  auto store = MemoryStore();
  KeysCreate(CreateArgs("ci"), *store, kNow);
  KeysRevoke(RevokeArgs("ci"), *store, kNow + 5);
  EXPECT_EQ(KeysRevoke(RevokeArgs("ci"), *store, kNow + 9), 0);
}

TEST(KeysRevoke, UnknownKeyExitsOne) {
  auto store = MemoryStore();
  EXPECT_EQ(KeysRevoke(RevokeArgs("nobody"), *store, kNow), 1);
}

}  // namespace
}  // namespace costgate::daemon::cli
