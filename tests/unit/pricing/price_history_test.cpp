#include "pricing/price_history.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/unit/pricing/history_dir_helpers.h"

namespace costgate::pricing {
namespace {

using testing::ReadText;
using testing::TempDir;
using testing::WriteText;

// sha256("abc") = ba7816bf 8f01cfea ... (FIPS 180-2, appendix B.1)
constexpr std::string_view kAbcSha12 = "ba7816bf8f01";
constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

std::set<std::string> Entries(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

TEST(HistoryFileName, IsLiteLlmTimeAndSha) {
  EXPECT_EQ(HistoryFileName(kT0, kAbcSha12), "litellm-1767225600000-ba7816bf8f01.json");
}

TEST(SaveToPriceHistory, WritesTheContentUnderItsTimeAndSha) {
  TempDir dir;
  const SaveResult saved = SaveToPriceHistory(dir.path().string(), "abc", kT0);
  ASSERT_EQ(saved.error, "");
  EXPECT_TRUE(saved.written);
  EXPECT_EQ(saved.path, dir.File("litellm-1767225600000-ba7816bf8f01.json"));
  EXPECT_EQ(ReadText(saved.path), "abc");
}

TEST(SaveToPriceHistory, CreatesTheDirectoryWithItsParents) {
  TempDir dir;
  const std::string history = dir.File("var/prices");
  const SaveResult saved = SaveToPriceHistory(history, "abc", kT0);
  ASSERT_EQ(saved.error, "");
  EXPECT_EQ(Entries(history), (std::set<std::string>{"litellm-1767225600000-ba7816bf8f01.json"}));
}

TEST(SaveToPriceHistory, LeavesNoTemporaryFileBehind) {
  TempDir dir;
  ASSERT_EQ(SaveToPriceHistory(dir.path().string(), "abc", kT0).error, "");
  ASSERT_EQ(SaveToPriceHistory(dir.path().string(), "abcd", kT0 + 1).error, "");
  EXPECT_EQ(Entries(dir.path()).size(), 2u);
}

TEST(SaveToPriceHistory, SameContentAsTheNewestWritesNothingAndNamesIt) {
  TempDir dir;
  const SaveResult first = SaveToPriceHistory(dir.path().string(), "abc", kT0);
  const SaveResult again = SaveToPriceHistory(dir.path().string(), "abc", kT0 + 60'000);
  EXPECT_EQ(again.error, "");
  EXPECT_FALSE(again.written);
  EXPECT_EQ(again.path, first.path);
  EXPECT_EQ(Entries(dir.path()).size(), 1u);
}

TEST(SaveToPriceHistory, ContentOfAnOlderVersionIsSavedAgainAsTheNewest) {
  // A -> B -> A: the feed went back to earlier prices, which is a change from B.
  TempDir dir;
  ASSERT_TRUE(SaveToPriceHistory(dir.path().string(), "abc", kT0).written);
  ASSERT_TRUE(SaveToPriceHistory(dir.path().string(), "xyz", kT0 + 1).written);
  const SaveResult back = SaveToPriceHistory(dir.path().string(), "abc", kT0 + 2);
  EXPECT_TRUE(back.written);
  EXPECT_EQ(back.path, dir.File("litellm-1767225600002-ba7816bf8f01.json"));
  EXPECT_EQ(ListPriceHistory(dir.path().string()).versions.size(), 3u);
}

TEST(SaveToPriceHistory, RefusesATimeNotAfterTheNewestVersion) {
  TempDir dir;
  ASSERT_TRUE(SaveToPriceHistory(dir.path().string(), "abc", kT0).written);
  const SaveResult same_ms = SaveToPriceHistory(dir.path().string(), "xyz", kT0);
  const SaveResult earlier = SaveToPriceHistory(dir.path().string(), "xyz", kT0 - 1);
  EXPECT_FALSE(same_ms.written);
  EXPECT_NE(same_ms.error.find("not after the newest saved version"), std::string::npos)
      << same_ms.error;
  EXPECT_FALSE(earlier.written);
  EXPECT_NE(earlier.error, "");
  EXPECT_EQ(Entries(dir.path()).size(), 1u);
}

TEST(SaveToPriceHistory, ReportsADirectoryPathThatIsAFile) {
  TempDir dir;
  WriteText(dir.path() / "taken", "not a directory");
  const SaveResult saved = SaveToPriceHistory(dir.File("taken"), "abc", kT0);
  EXPECT_FALSE(saved.written);
  EXPECT_NE(saved.error.find(dir.File("taken")), std::string::npos) << saved.error;
}

TEST(ListPriceHistory, MissingDirectoryHoldsNothingAndIsNoError) {
  TempDir dir;
  const HistoryList list = ListPriceHistory(dir.File("never-created"));
  EXPECT_TRUE(list.versions.empty());
  EXPECT_TRUE(list.errors.empty());
  EXPECT_TRUE(list.notes.empty());
}

TEST(ListPriceHistory, SortsByEffectiveTimeNotByName) {
  TempDir dir;
  // By name "litellm-1000-" sorts before "litellm-999-"; by time it is the other way round.
  WriteText(dir.path() / "litellm-1000-aaaaaaaaaaaa.json", "{}");
  WriteText(dir.path() / "litellm-999-bbbbbbbbbbbb.json", "{}");
  const HistoryList list = ListPriceHistory(dir.path().string());
  ASSERT_EQ(list.versions.size(), 2u);
  EXPECT_EQ(list.versions[0].effective_from_ms, 999);
  EXPECT_EQ(list.versions[0].sha, "bbbbbbbbbbbb");
  EXPECT_EQ(list.versions[0].path, dir.File("litellm-999-bbbbbbbbbbbb.json"));
  EXPECT_EQ(list.versions[1].effective_from_ms, 1000);
}

TEST(ListPriceHistory, IgnoresOtherFilesWithANoteEach) {
  TempDir dir;
  WriteText(dir.path() / "litellm-1000-aaaaaaaaaaaa.json", "{}");
  WriteText(dir.path() / "README.txt", "notes");
  WriteText(dir.path() / "litellm-1000-AAAAAAAAAAAA.json", "{}");   // upper-case hex
  WriteText(dir.path() / "litellm-1000-aaaaaaaaaaa.json", "{}");    // 11 hex digits
  WriteText(dir.path() / "litellm--1000-aaaaaaaaaaaa.json", "{}");  // negative time
  WriteText(dir.path() / "litellm-1000-aaaaaaaaaaaa.json.tmp", "{");
  std::filesystem::create_directory(dir.path() / "litellm-2000-bbbbbbbbbbbb.json");
  const HistoryList list = ListPriceHistory(dir.path().string());
  ASSERT_EQ(list.versions.size(), 1u);
  EXPECT_EQ(list.versions[0].effective_from_ms, 1000);
  EXPECT_EQ(list.notes.size(), 6u);
  EXPECT_TRUE(list.errors.empty());
  for (const std::string& note : list.notes) {
    EXPECT_NE(note.find("not a saved LiteLLM version"), std::string::npos) << note;
  }
}

TEST(ListPriceHistory, APathThatIsAFileIsAnError) {
  TempDir dir;
  WriteText(dir.path() / "file", "x");
  const HistoryList list = ListPriceHistory(dir.File("file"));
  ASSERT_EQ(list.errors.size(), 1u);
  EXPECT_NE(list.errors[0].find(dir.File("file")), std::string::npos) << list.errors[0];
}

TEST(ListPriceHistory, ListsWhatSaveWrote) {
  TempDir dir;
  const SaveResult saved = SaveToPriceHistory(dir.path().string(), "abc", kT0);
  const HistoryList list = ListPriceHistory(dir.path().string());
  ASSERT_EQ(list.versions.size(), 1u);
  EXPECT_EQ(list.versions[0].path, saved.path);
  EXPECT_EQ(list.versions[0].effective_from_ms, kT0);
  EXPECT_EQ(list.versions[0].sha, kAbcSha12);
}

}  // namespace
}  // namespace costgate::pricing
