#include "daemon/cli/keys_text.h"

#include <gtest/gtest.h>

namespace costgate::daemon::cli {
namespace {

constexpr int64_t kCreated = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

central::ApiKeyRecord MakeKey() {
  central::ApiKeyRecord key;
  key.id = "key_0123456789ab";
  key.name = "ci";
  key.source_app = "video-accessibility";
  key.hash = "secret-hash-never-shown";
  key.prefix = "ct_live_AbCd";
  key.scopes = 0x0a;  // record, ship
  key.workspace = "ford";
  key.created_unix_ms = kCreated;
  return key;
}

TEST(FormatKeysTable, NoKeysIsTheHeaderAlone) {
  EXPECT_EQ(FormatKeysTable({}),
            "ID  NAME  SOURCE_APP  PREFIX  SCOPES  WORKSPACE  CREATED  LAST_USED  REVOKED\n");
}

TEST(FormatKeysTable, ShowsAKeyInAlignedColumns) {
  central::ApiKeyRecord key = MakeKey();
  key.last_used_unix_ms = kCreated + 61'500;
  EXPECT_EQ(FormatKeysTable({key}),
            "ID                NAME  SOURCE_APP           PREFIX        SCOPES       WORKSPACE  "
            "CREATED               LAST_USED             REVOKED\n"
            "key_0123456789ab  ci    video-accessibility  ct_live_AbCd  record,ship  ford       "
            "2026-01-01T00:00:00Z  2026-01-01T00:01:01Z  -\n");
}

TEST(FormatKeysTable, AnyWorkspaceIsAStar) {
  central::ApiKeyRecord key = MakeKey();
  key.workspace.clear();
  EXPECT_NE(FormatKeysTable({key}).find("record,ship  *  "), std::string::npos);
}

TEST(FormatKeysTable, NeverShowsTheHash) {
  EXPECT_EQ(FormatKeysTable({MakeKey()}).find("secret-hash"), std::string::npos);
}

TEST(FormatKeysJson, ShowsEveryFieldButTheHash) {
  central::ApiKeyRecord key = MakeKey();
  key.revoked_unix_ms = kCreated + 1'500;
  EXPECT_EQ(FormatKeysJson({key}),
            R"({"keys":[{"id":"key_0123456789ab","name":"ci","source_app":"video-accessibility",)"
            R"("prefix":"ct_live_AbCd","scopes":["record","ship"],"workspace":"ford",)"
            R"("created_at":"2026-01-01T00:00:00.000Z","last_used_at":null,)"
            R"("revoked_at":"2026-01-01T00:00:01.500Z","active":false}]})"
            "\n");
}

TEST(FormatKeysJson, NoKeysIsAnEmptyArray) { EXPECT_EQ(FormatKeysJson({}), "{\"keys\":[]}\n"); }

TEST(FormatKeysJson, NoScopesIsAnEmptyArray) {
  central::ApiKeyRecord key = MakeKey();
  key.scopes = 0;
  EXPECT_NE(FormatKeysJson({key}).find(R"("scopes":[],)"), std::string::npos);
}

TEST(FormatKeysJson, EscapesQuotesInNames) {
  central::ApiKeyRecord key = MakeKey();
  key.name = "say \"hi\"";
  EXPECT_NE(FormatKeysJson({key}).find(R"("name":"say \"hi\"")"), std::string::npos);
}

}  // namespace
}  // namespace costgate::daemon::cli
