// Passwords hashed with scrypt: a round trip, a wrong password, malformed or hostile hashes, the
// self-describing format, and the random tokens' shape.
#include "central/keys/password_hash.h"

#include <gtest/gtest.h>

#include "central/keys/account_rules.h"

namespace costgate::central {
namespace {

// Cheap parameters for the tests that only check the format: the default's cost (32 MiB) is
// checked once, in the round trip.
constexpr ScryptParams kPwCheapParams{1024, 8, 1};

TEST(PasswordHashTest, RoundTripWithTheDefaultParameters) {
  const std::string hash = HashPassword("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("scrypt$32768$8$1$")) << hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", hash));
  EXPECT_FALSE(VerifyPassword("", hash));
}

TEST(PasswordHashTest, EachHashHasItsOwnSalt) {
  const std::string a = HashPassword("same password", kPwCheapParams);
  const std::string b = HashPassword("same password", kPwCheapParams);
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword("same password", a));
  EXPECT_TRUE(VerifyPassword("same password", b));
}

TEST(PasswordHashTest, TheParametersInTheHashAreTheOnesUsed) {
  // A hash made with other parameters still verifies: they are read from the string.
  const std::string hash = HashPassword("pw-12345678", {2048, 4, 2});
  EXPECT_TRUE(hash.starts_with("scrypt$2048$4$2$")) << hash;
  EXPECT_TRUE(VerifyPassword("pw-12345678", hash));
}

TEST(PasswordHashTest, MalformedOrHostileHashesNeverVerify) {
  const std::string good = HashPassword("pw-12345678", kPwCheapParams);
  EXPECT_FALSE(VerifyPassword("pw-12345678", ""));
  EXPECT_FALSE(VerifyPassword("pw-12345678", "plain"));
  EXPECT_FALSE(VerifyPassword("pw-12345678", "bcrypt" + good.substr(6)));
  // N not a power of two, N too large (a row asking for gigabytes), r zero, a truncated key.
  std::string odd_n = good;
  odd_n.replace(7, 4, "1000");
  EXPECT_FALSE(VerifyPassword("pw-12345678", odd_n));
  std::string huge_n = good;
  huge_n.replace(7, 4, "4194304");
  EXPECT_FALSE(VerifyPassword("pw-12345678", huge_n));
  EXPECT_FALSE(VerifyPassword("pw-12345678", good.substr(0, good.size() - 4)));
  EXPECT_FALSE(VerifyPassword("pw-12345678", good + "$extra"));
}

TEST(PasswordHashTest, TokensAreBase64UrlOfTheirBytes) {
  const std::string token = RandomToken();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes, no padding
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_NE(token, RandomToken());
  EXPECT_EQ(Base64Url("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64Url("foobar"), "Zm9vYmFy");
}

TEST(AccountRulesTest, UsernamesAndPasswords) {
  EXPECT_FALSE(UsernameProblem("alice"));
  EXPECT_FALSE(UsernameProblem("ops.team-1@example.com"));
  EXPECT_TRUE(UsernameProblem(""));
  EXPECT_TRUE(UsernameProblem("al ice"));
  EXPECT_TRUE(UsernameProblem("a/b"));
  EXPECT_TRUE(UsernameProblem(std::string(65, 'a')));
  EXPECT_FALSE(PasswordProblem("12345678"));
  EXPECT_TRUE(PasswordProblem("1234567"));
  EXPECT_TRUE(PasswordProblem(std::string(257, 'x')));
}

}  // namespace
}  // namespace costgate::central
