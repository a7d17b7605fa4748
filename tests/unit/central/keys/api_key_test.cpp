#include "central/keys/api_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace costgate::central {
namespace {

constexpr uint8_t kAll = 0x0f;

TEST(GenerateKey, SecretIsThePrefixAnd40Base62Characters) {
  const NewKey key = GenerateKey(1000);
  ASSERT_EQ(key.secret.size(), 48u);
  EXPECT_TRUE(key.secret.starts_with("ct_live_"));
  EXPECT_TRUE(std::all_of(key.secret.begin() + 8, key.secret.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  })) << key.secret;
}

TEST(GenerateKey, IdIsKeyAnd12HexDigits) {
  const NewKey key = GenerateKey(1000);
  ASSERT_EQ(key.record.id.size(), 16u);
  EXPECT_TRUE(key.record.id.starts_with("key_"));
  EXPECT_TRUE(std::all_of(key.record.id.begin() + 4, key.record.id.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c));
  })) << key.record.id;
}

TEST(GenerateKey, RecordHoldsTheHashNotTheSecret) {
  const NewKey key = GenerateKey(1000);
  EXPECT_EQ(key.record.hash, HashKey(key.secret));
  EXPECT_EQ(key.record.hash.find(key.secret), std::string::npos);
}

TEST(GenerateKey, PrefixIsTheFirst12CharactersOfTheSecret) {
  const NewKey key = GenerateKey(1000);
  EXPECT_EQ(key.record.prefix, key.secret.substr(0, 12));
}

TEST(GenerateKey, CreationTimeIsTheGivenNow) {
  EXPECT_EQ(GenerateKey(1234).record.created_unix_ms, 1234);
}

TEST(GenerateKey, TwoKeysDiffer) {
  const NewKey a = GenerateKey(1000);
  const NewKey b = GenerateKey(1000);
  EXPECT_NE(a.secret, b.secret);
  EXPECT_NE(a.record.id, b.record.id);
}

TEST(HashKey, IsLowercaseSha256Hex) {
  EXPECT_EQ(HashKey("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ParseScopes, ReadsOneScope) {
  EXPECT_EQ(ParseScopes("ship"), static_cast<uint8_t>(Scope::kShip));
}

TEST(ParseScopes, ReadsAListInAnyOrder) {
  EXPECT_EQ(ParseScopes("upsert,preflight"),
            static_cast<uint8_t>(Scope::kUpsert) | static_cast<uint8_t>(Scope::kPreflight));
}

TEST(ParseScopes, AllIsEveryIngestScopeButNotAdmin) {
  EXPECT_EQ(ParseScopes("all"), kAll);
  EXPECT_FALSE(HasScope(ParseScopes("all").value(), Scope::kAdmin));
}

TEST(ParseScopes, AdminIsAScopeOfItsOwn) {
  EXPECT_EQ(ParseScopes("admin"), static_cast<uint8_t>(Scope::kAdmin));
  EXPECT_EQ(ParseScopes("all,admin"), kAll | static_cast<uint8_t>(Scope::kAdmin));
  EXPECT_EQ(FormatScopes(static_cast<uint8_t>(Scope::kAdmin) | static_cast<uint8_t>(Scope::kShip)),
            "ship,admin");
  EXPECT_EQ(ScopeName(Scope::kAdmin), "admin");
}

TEST(ParseScopes, ListingEveryScopeEqualsAll) {
  EXPECT_EQ(ParseScopes("preflight,record,upsert,ship"), kAll);
}

TEST(ParseScopes, UnknownScopeIsNamed) {
  std::string bad;
  EXPECT_EQ(ParseScopes("record,owner", &bad), std::nullopt);
  EXPECT_EQ(bad, "owner");
}

TEST(ParseScopes, SpacesAreNotAllowed) {
  std::string bad;
  EXPECT_EQ(ParseScopes("record, ship", &bad), std::nullopt);
  EXPECT_EQ(bad, " ship");
}

TEST(ParseScopes, EmptyTextIsRefused) { EXPECT_EQ(ParseScopes(""), std::nullopt); }

TEST(ParseScopes, EmptyItemIsRefused) { EXPECT_EQ(ParseScopes("record,,ship"), std::nullopt); }

TEST(FormatScopes, ListsScopesInCanonicalOrder) {
  EXPECT_EQ(
      FormatScopes(static_cast<uint8_t>(Scope::kShip) | static_cast<uint8_t>(Scope::kPreflight)),
      "preflight,ship");
}

TEST(FormatScopes, AllScopesListEachName) {
  EXPECT_EQ(FormatScopes(kAll), "preflight,record,upsert,ship");
}

TEST(FormatScopes, NoScopesIsEmpty) { EXPECT_EQ(FormatScopes(0), ""); }

TEST(HasScope, IsTrueForAGrantedScope) { EXPECT_TRUE(HasScope(0x0a, Scope::kRecord)); }

TEST(HasScope, IsFalseForAMissingScope) { EXPECT_FALSE(HasScope(0x0a, Scope::kUpsert)); }

}  // namespace
}  // namespace costgate::central
