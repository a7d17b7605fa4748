// Read-only connections beside the writer (central/store/open_store.h OpenReadOnlyStore): what
// central's read pool relies on.
#include <gtest/gtest.h>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

class StoreReaders : public store_testing::StoreTest {};
INSTANTIATE_TEST_SUITE_P(Stores, StoreReaders,
                         ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

using store_testing::MakeEvent;

ApiKeyRecord ReaderTestKey() {
  ApiKeyRecord key;
  key.id = "key_000000000001";
  key.name = "ci";
  key.source_app = "video-accessibility";
  key.hash = "hash-of-ci";
  key.prefix = "ct_live_AbCd";
  key.scopes = static_cast<uint8_t>(Scope::kShip);
  key.created_unix_ms = 1000;
  return key;
}

TEST_P(StoreReaders, ReaderSeesEventsTheWriterCommittedAfterItOpened) {
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(
      store().InsertEvents(std::vector{MakeEvent("a"), MakeEvent("b")})));
  EXPECT_EQ(std::get<int64_t>(reader->CountEvents()), 2);
  const auto found = std::get<std::optional<Event>>(reader->FindEvent("b"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->model, "gemini-2.5-flash");
}

TEST_P(StoreReaders, ReaderSeesKeysAndOrgRecordsTheWriterCommitted) {
  ASSERT_EQ(store().CreateKey(ReaderTestKey()), std::nullopt);
  ASSERT_EQ(store().UpsertProject({"app", "7", "Ford Q3 Campaign", "ford", ""}, 1000),
            std::nullopt);
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  const auto key = std::get<std::optional<ApiKeyRecord>>(reader->FindKeyByHash("hash-of-ci"));
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->name, "ci");
  const auto project = std::get<std::optional<ProjectRecord>>(reader->FindProject("app", "7"));
  ASSERT_TRUE(project.has_value());
  EXPECT_EQ(project->name, "Ford Q3 Campaign");
}

TEST_P(StoreReaders, ReaderAnswersPing) {
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Ping(), std::nullopt);
}

TEST_P(StoreReaders, EveryWriteOfAReaderIsAnErrorAndChangesNothing) {
  ASSERT_EQ(store().CreateKey(ReaderTestKey()), std::nullopt);
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(
      std::holds_alternative<StoreError>(reader->InsertEvents(std::vector{MakeEvent("a")})));
  EXPECT_TRUE(reader->UpsertUser({"app", "42", "a@b.c", "A B"}, 1000).has_value());
  EXPECT_TRUE(reader->UpsertProject({"app", "7", "Mine", "", ""}, 1000).has_value());
  ApiKeyRecord second = ReaderTestKey();
  second.id = "key_000000000002";
  second.name = "prod";
  second.hash = "hash-of-prod";
  EXPECT_TRUE(reader->CreateKey(second).has_value());
  EXPECT_TRUE(std::holds_alternative<StoreError>(reader->RevokeKey("ci", 5000)));
  EXPECT_TRUE(reader->TouchKey("key_000000000001", 7000).has_value());

  EXPECT_EQ(std::get<int64_t>(store().CountEvents()), 0);
  EXPECT_FALSE(std::get<std::optional<UserRecord>>(store().FindUser("app", "42")));
  EXPECT_FALSE(std::get<std::optional<ProjectRecord>>(store().FindProject("app", "7")));
  const auto keys = std::get<std::vector<ApiKeyRecord>>(store().ListKeys());
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].revoked_unix_ms, std::nullopt);
  EXPECT_EQ(keys[0].last_used_unix_ms, std::nullopt);
}

TEST_P(StoreReaders, ReaderThatFailedAWriteStillReads) {
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  reader->InsertEvents(std::vector{MakeEvent("a")});
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(
      store().InsertEvents(std::vector{MakeEvent("b")})));
  EXPECT_EQ(std::get<int64_t>(reader->CountEvents()), 1);
}

TEST_P(StoreReaders, WriterKeepsWritingWhileReadersAreOpen) {
  auto first = OpenReader();
  auto second = OpenReader();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(std::get<int64_t>(first->CountEvents()), 0);
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(
      store().InsertEvents(std::vector{MakeEvent("a")})));
  EXPECT_EQ(std::get<int64_t>(second->CountEvents()), 1);
  EXPECT_EQ(std::get<int64_t>(first->CountEvents()), 1);
}

}  // namespace
}  // namespace costgate::central
