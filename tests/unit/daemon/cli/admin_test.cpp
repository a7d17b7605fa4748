// The admin subcommands on a real in-memory store: accounts made, passwords changed (signing the
// user out), the last admin kept, each change audited as "cli".
#include "daemon/cli/admin.h"

#include <gtest/gtest.h>

#include "central/keys/password_hash.h"
#include "central/store/open_store.h"

namespace costgate::daemon::cli {
namespace {

constexpr int64_t kAdminNow = 1'767'225'600'000;

std::unique_ptr<central::Store> AdminMemoryStore() {
  auto opened = central::OpenStore({config::StoreLocation::Kind::kSqlite, ":memory:"},
                                   config::SqliteSynchronous::kNormal);
  return std::move(std::get<std::unique_ptr<central::Store>>(opened));
}

AdminArgs AdminArgsFor(const std::string& subcommand, const std::string& user,
                       central::Role role = central::Role::kAdmin) {
  AdminArgs args;
  args.subcommand = subcommand;
  args.user = user;
  args.role = role;
  return args;
}

central::Account Found(central::Store& store, const std::string& user) {
  return *std::get<std::optional<central::Account>>(store.FindAccount(user));
}

TEST(AdminCli, CreatePasswdAndDelete) {
  auto store = AdminMemoryStore();
  ASSERT_EQ(AdminCreate(AdminArgsFor("create", "alice"), "alice-password", *store, kAdminNow), 0);
  EXPECT_TRUE(central::VerifyPassword("alice-password", Found(*store, "alice").password_hash));
  EXPECT_EQ(AdminCreate(AdminArgsFor("create", "alice"), "other-password", *store, kAdminNow), 1);
  ASSERT_EQ(
      AdminCreate(AdminArgsFor("create", "vic", central::Role::kViewer), "", *store, kAdminNow),
      0);  // a generated password
  EXPECT_EQ(Found(*store, "vic").role, central::Role::kViewer);

  central::Session session{"token-hash", "csrf", "alice", kAdminNow, kAdminNow + 1000, kAdminNow};
  ASSERT_FALSE(store->CreateSession(session, 0));
  ASSERT_EQ(AdminPasswd(AdminArgsFor("passwd", "alice"), "new-password", *store, kAdminNow + 1), 0);
  EXPECT_TRUE(central::VerifyPassword("new-password", Found(*store, "alice").password_hash));
  EXPECT_FALSE(std::get<std::optional<central::Session>>(store->FindSession("token-hash")));
  EXPECT_EQ(AdminPasswd(AdminArgsFor("passwd", "nobody"), "new-password", *store, kAdminNow), 1);

  EXPECT_EQ(AdminDelete(AdminArgsFor("delete", "alice"), *store, kAdminNow), 1);  // last admin
  EXPECT_EQ(AdminDelete(AdminArgsFor("delete", "vic"), *store, kAdminNow), 0);
  EXPECT_EQ(AdminDelete(AdminArgsFor("delete", "vic"), *store, kAdminNow), 1);
  EXPECT_EQ(AdminList(*store), 0);

  const auto audit =
      std::get<std::vector<central::AuditEntry>>(store->ListAudit(100, std::nullopt));
  ASSERT_EQ(audit.size(), 4u);  // create, create, password, delete
  EXPECT_EQ(audit[0].action, "account.delete");
  EXPECT_EQ(audit[1].action, "account.password");
  for (const central::AuditEntry& entry : audit) {
    EXPECT_EQ(entry.actor, "cli");
    EXPECT_EQ(entry.after_json.find("scrypt"), std::string::npos);
  }
}

}  // namespace
}  // namespace costgate::daemon::cli
