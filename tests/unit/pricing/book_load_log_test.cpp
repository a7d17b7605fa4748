// BookLoadLog: the last attempt and the last publication, kept apart.
#include "pricing/book_load_log.h"

#include <gtest/gtest.h>

namespace costgate::pricing {
namespace {

BookLoadAttempt Attempt(int64_t at, std::string result, std::string error = "") {
  return {.at_unix_ms = at,
          .source = "refresh",
          .from = "https://example.test/prices.json",
          .result = std::move(result),
          .error = std::move(error),
          .version = "pb-0000000000000001"};
}

TEST(BookLoadLog, SaysNothingUntilNoted) {
  const BookLoadLog log;
  EXPECT_FALSE(log.LastAttempt().has_value());
  EXPECT_FALSE(log.LastPublished().has_value());
}

TEST(BookLoadLog, AFailureAfterAPublicationLeavesThePublicationInPlace) {
  BookLoadLog log;
  log.Note(Attempt(1000, "ok"));
  log.Note(Attempt(2000, "unchanged"));
  log.Note(Attempt(3000, "failed", "download: refused"));
  EXPECT_EQ(log.LastAttempt()->at_unix_ms, 3000);
  EXPECT_EQ(log.LastAttempt()->error, "download: refused");
  // "unchanged" published nothing new: the book in force is still the one from 1000.
  EXPECT_EQ(log.LastPublished()->at_unix_ms, 1000);
}

TEST(BookLoadLog, JoinsALoadersErrors) {
  EXPECT_EQ(JoinLoadErrors({}), "");
  EXPECT_EQ(JoinLoadErrors({"a.json: bad", "b.yaml: worse"}), "a.json: bad; b.yaml: worse");
}

}  // namespace
}  // namespace costgate::pricing
