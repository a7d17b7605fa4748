#include <gtest/gtest.h>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

class StoreKeys : public store_testing::StoreTest {};
INSTANTIATE_TEST_SUITE_P(Stores, StoreKeys, ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

ApiKeyRecord MakeKey(const std::string& id, const std::string& name) {
  ApiKeyRecord key;
  key.id = id;
  key.name = name;
  key.source_app = "video-accessibility";
  key.hash = "hash-of-" + id;
  key.prefix = "ct_live_AbCd";
  key.scopes = static_cast<uint8_t>(Scope::kRecord) | static_cast<uint8_t>(Scope::kShip);
  key.workspace = "ford";
  key.created_unix_ms = 1000;
  return key;
}

std::optional<ApiKeyRecord> FindByHash(Store& store, const std::string& hash) {
  return std::get<std::optional<ApiKeyRecord>>(store.FindKeyByHash(hash));
}

TEST_P(StoreKeys, CreatedKeyIsFoundByItsHash) {
  ASSERT_EQ(store().CreateKey(MakeKey("key_000000000001", "ci")), std::nullopt);
  const auto key = FindByHash(store(), "hash-of-key_000000000001");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->id, "key_000000000001");
  EXPECT_EQ(key->name, "ci");
  EXPECT_EQ(key->source_app, "video-accessibility");
  EXPECT_EQ(key->prefix, "ct_live_AbCd");
  EXPECT_EQ(key->scopes, 0x0a);
  EXPECT_EQ(key->workspace, "ford");
  EXPECT_EQ(key->created_unix_ms, 1000);
  EXPECT_EQ(key->last_used_unix_ms, std::nullopt);
  EXPECT_EQ(key->revoked_unix_ms, std::nullopt);
}

TEST_P(StoreKeys, UnknownHashFindsNothing) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  EXPECT_EQ(FindByHash(store(), "hash-of-someone-else"), std::nullopt);
}

TEST_P(StoreKeys, DuplicateNameIsRefused) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  const StoreStatus error = store().CreateKey(MakeKey("key_000000000002", "ci"));
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("UNIQUE constraint failed: api_keys.name"), std::string::npos)
      << error->message;
}

TEST_P(StoreKeys, ListGivesKeysInCreationOrder) {
  ApiKeyRecord later = MakeKey("key_000000000001", "later");
  later.created_unix_ms = 2000;
  store().CreateKey(later);
  store().CreateKey(MakeKey("key_000000000002", "earlier"));
  const auto keys = std::get<std::vector<ApiKeyRecord>>(store().ListKeys());
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].name, "earlier");
  EXPECT_EQ(keys[1].name, "later");
}

TEST_P(StoreKeys, RevokeByIdSetsTheRevocationTime) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  EXPECT_TRUE(std::get<bool>(store().RevokeKey("key_000000000001", 5000)));
  EXPECT_EQ(FindByHash(store(), "hash-of-key_000000000001")->revoked_unix_ms, 5000);
}

TEST_P(StoreKeys, RevokeByNameSetsTheRevocationTime) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  EXPECT_TRUE(std::get<bool>(store().RevokeKey("ci", 5000)));
  EXPECT_EQ(FindByHash(store(), "hash-of-key_000000000001")->revoked_unix_ms, 5000);
}

TEST_P(StoreKeys, RevokingTwiceKeepsTheFirstTime) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  store().RevokeKey("ci", 5000);
  EXPECT_TRUE(std::get<bool>(store().RevokeKey("ci", 9000)));
  EXPECT_EQ(FindByHash(store(), "hash-of-key_000000000001")->revoked_unix_ms, 5000);
}

TEST_P(StoreKeys, RevokingAnUnknownKeyReturnsFalse) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  EXPECT_FALSE(std::get<bool>(store().RevokeKey("nobody", 5000)));
}

TEST_P(StoreKeys, RevokeLeavesOtherKeysActive) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  store().CreateKey(MakeKey("key_000000000002", "prod"));
  store().RevokeKey("ci", 5000);
  EXPECT_EQ(FindByHash(store(), "hash-of-key_000000000002")->revoked_unix_ms, std::nullopt);
}

TEST_P(StoreKeys, TouchSetsLastUse) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  ASSERT_EQ(store().TouchKey("key_000000000001", 7000), std::nullopt);
  EXPECT_EQ(FindByHash(store(), "hash-of-key_000000000001")->last_used_unix_ms, 7000);
}

TEST_P(StoreKeys, TouchNeverMovesLastUseBackwards) {
  store().CreateKey(MakeKey("key_000000000001", "ci"));
  store().TouchKey("key_000000000001", 7000);
  store().TouchKey("key_000000000001", 6000);
  EXPECT_EQ(FindByHash(store(), "hash-of-key_000000000001")->last_used_unix_ms, 7000);
}

}  // namespace
}  // namespace costgate::central
