// People's accounts, their sessions and the setup token, against every store: audited changes,
// sessions ended with their account or password, the purge of ended sessions, and setup's
// outcomes in one transaction.
#include <gtest/gtest.h>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

class StoreAccounts : public store_testing::StoreTest {
 protected:
  std::vector<AuditEntry> AuditRows() {
    return std::get<std::vector<AuditEntry>>(store().ListAudit(100, std::nullopt));
  }
};
INSTANTIATE_TEST_SUITE_P(Stores, StoreAccounts,
                         ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

Account MakeAccount(const std::string& username, Role role) {
  return Account{username, role, "scrypt$hash-of-" + username, 1'000, 1'000};
}

AuditEntry MakeAccountAudit(const std::string& action, const std::string& username) {
  return AuditEntry{0, 2'000, "user:root", action, username, "", "{}"};
}

Session MakeSession(const std::string& token_hash, const std::string& username, int64_t now) {
  return Session{token_hash, "csrf-" + token_hash, username, now, now + 100'000, now};
}

AccountChange AccountOutcome(const StoreResult<AccountChange>& result) {
  return std::get<AccountChange>(result);
}

bool HasSession(Store& store, const std::string& token_hash) {
  return std::get<std::optional<Session>>(store.FindSession(token_hash)).has_value();
}

TEST_P(StoreAccounts, CreateFindListAndTheNameIsUnique) {
  EXPECT_FALSE(std::get<bool>(store().HasAdminAccount()));
  ASSERT_EQ(AccountOutcome(store().CreateAccount(MakeAccount("val", Role::kViewer),
                                                 MakeAccountAudit("account.create", "val"))),
            AccountChange::kDone);
  EXPECT_FALSE(std::get<bool>(store().HasAdminAccount()));
  ASSERT_EQ(AccountOutcome(store().CreateAccount(MakeAccount("root", Role::kAdmin),
                                                 MakeAccountAudit("account.create", "root"))),
            AccountChange::kDone);
  EXPECT_TRUE(std::get<bool>(store().HasAdminAccount()));
  EXPECT_EQ(AccountOutcome(store().CreateAccount(MakeAccount("val", Role::kAdmin),
                                                 MakeAccountAudit("account.create", "val"))),
            AccountChange::kNameTaken);
  const std::optional<Account> found = std::get<std::optional<Account>>(store().FindAccount("val"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::kViewer);
  EXPECT_EQ(found->password_hash, "scrypt$hash-of-val");
  const auto listed = std::get<std::vector<Account>>(store().ListAccounts());
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].username, "root");  // by username
  EXPECT_EQ(AuditRows().size(), 2u);      // the refused one wrote none
}

TEST_P(StoreAccounts, ANewPasswordOrADeletionEndsTheSessions) {
  ASSERT_EQ(AccountOutcome(store().CreateAccount(MakeAccount("ann", Role::kAdmin),
                                                 MakeAccountAudit("account.create", "ann"))),
            AccountChange::kDone);
  ASSERT_FALSE(store().CreateSession(MakeSession("s1", "ann", 5'000), 0));
  ASSERT_FALSE(store().CreateSession(MakeSession("s2", "ann", 5'000), 0));
  Account changed = MakeAccount("ann", Role::kViewer);
  EXPECT_EQ(AccountOutcome(
                store().UpdateAccount(changed, false, MakeAccountAudit("account.update", "ann"))),
            AccountChange::kDone);
  EXPECT_TRUE(HasSession(store(), "s1"));  // a role change keeps them (roles are read anew)
  EXPECT_EQ(AccountOutcome(
                store().UpdateAccount(changed, true, MakeAccountAudit("account.password", "ann"))),
            AccountChange::kDone);
  EXPECT_FALSE(HasSession(store(), "s1"));
  EXPECT_FALSE(HasSession(store(), "s2"));
  ASSERT_FALSE(store().CreateSession(MakeSession("s3", "ann", 5'000), 0));
  EXPECT_EQ(AccountOutcome(store().DeleteAccount("ann", MakeAccountAudit("account.delete", "ann"))),
            AccountChange::kDone);
  EXPECT_FALSE(HasSession(store(), "s3"));
  EXPECT_EQ(AccountOutcome(store().DeleteAccount("ann", MakeAccountAudit("account.delete", "ann"))),
            AccountChange::kNotFound);
  EXPECT_EQ(AccountOutcome(
                store().UpdateAccount(changed, true, MakeAccountAudit("account.update", "ann"))),
            AccountChange::kNotFound);
  EXPECT_EQ(AuditRows().size(), 4u);
}

TEST_P(StoreAccounts, SessionsAreTouchedDeletedAndPurgedWhenEnded) {
  ASSERT_FALSE(store().CreateSession(MakeSession("old", "ann", 1'000), 0));
  ASSERT_FALSE(store().TouchSession("old", 3'000));
  ASSERT_FALSE(store().TouchSession("old", 2'000));  // never backwards
  EXPECT_EQ(std::get<std::optional<Session>>(store().FindSession("old"))->last_seen_unix_ms, 3'000);
  // A sign-in at 200'000 purges sessions past their absolute end (old: 101'000).
  ASSERT_FALSE(store().CreateSession(MakeSession("new", "ann", 200'000), 0));
  EXPECT_FALSE(HasSession(store(), "old"));
  // And those idle since before the cutoff.
  ASSERT_FALSE(store().CreateSession(MakeSession("newer", "ann", 250'000), 200'001));
  EXPECT_FALSE(HasSession(store(), "new"));
  EXPECT_TRUE(HasSession(store(), "newer"));
  ASSERT_FALSE(store().DeleteSession("newer"));
  EXPECT_FALSE(HasSession(store(), "newer"));
}

TEST_P(StoreAccounts, SetupNeedsTheTokenUnexpiredAndNoAdmin) {
  const Account first = MakeAccount("first", Role::kAdmin);
  const AuditEntry audit = MakeAccountAudit("account.create", "first");
  const auto setup = [&](const std::string& token, int64_t now, const Account& account) {
    return std::get<SetupOutcome>(store().CompleteSetup(token, now, account, audit));
  };
  EXPECT_EQ(setup("t1", 1'000, first), SetupOutcome::kInvalidToken);  // none stored
  ASSERT_FALSE(store().SetSetupToken("t1", 10'000));
  ASSERT_FALSE(store().SetSetupToken("t2", 10'000));  // replaces t1
  EXPECT_EQ(setup("t1", 1'000, first), SetupOutcome::kInvalidToken);
  EXPECT_EQ(setup("t2", 10'000, first), SetupOutcome::kInvalidToken);  // expired
  ASSERT_EQ(AccountOutcome(store().CreateAccount(MakeAccount("first", Role::kViewer), audit)),
            AccountChange::kDone);
  EXPECT_EQ(setup("t2", 1'000, first), SetupOutcome::kNameTaken);
  EXPECT_EQ(setup("t2", 1'000, MakeAccount("boss", Role::kAdmin)), SetupOutcome::kDone);
  EXPECT_EQ(std::get<std::optional<Account>>(store().FindAccount("boss"))->role, Role::kAdmin);
  EXPECT_EQ(setup("t2", 1'000, MakeAccount("second", Role::kAdmin)), SetupOutcome::kAdminExists);
  EXPECT_EQ(AuditRows().size(), 2u);
}

TEST_P(StoreAccounts, KeyChangesAreAudited) {
  ApiKeyRecord key;
  key.id = "key_000000000009";
  key.name = "ops";
  key.hash = "hash-ops";
  key.prefix = "ct_live_Ab12";
  key.scopes = static_cast<uint8_t>(Scope::kAdmin);
  key.created_unix_ms = 1'000;
  ASSERT_FALSE(store().CreateKey(key, MakeAccountAudit("key.create", key.id)));
  EXPECT_TRUE(
      std::get<bool>(store().RevokeKey(key.id, 5'000, MakeAccountAudit("key.revoke", key.id))));
  EXPECT_FALSE(std::get<bool>(
      store().RevokeKey("key_unknown", 5'000, MakeAccountAudit("key.revoke", "key_unknown"))));
  const std::vector<AuditEntry> rows = AuditRows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "key.revoke");
  EXPECT_EQ(rows[1].action, "key.create");
}

}  // namespace
}  // namespace costgate::central
