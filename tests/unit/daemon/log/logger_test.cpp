#include "daemon/log/logger.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace costgate::daemon::log {
namespace {

int64_t FixedClock() { return 1'717'171'717'171; }  // 2024-05-31T16:08:37.171Z

// A memfd the logger writes into; Text() is everything written so far.
class Capture {
 public:
  Capture() : fd_(memfd_create("logger_test", 0)) {}
  ~Capture() { close(fd_); }
  int fd() const { return fd_; }
  std::string Text() const {
    std::string text;
    char buf[4096];
    off_t offset = 0;
    for (ssize_t n; (n = pread(fd_, buf, sizeof(buf), offset)) > 0; offset += n) {
      text.append(buf, static_cast<size_t>(n));
    }
    return text;
  }
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    const std::string text = Text();
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
      lines.push_back(text.substr(start, nl - start));
    }
    EXPECT_EQ(start, text.size()) << "text after the last newline";
    return lines;
  }

 private:
  int fd_;
};

TEST(Logger, WritesTimestampLevelMessageThenFieldsInOrder) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  logger.Info("request")
      .Str("event_id", "0190")
      .Int("status", 200)
      .Uint("bytes", 18'446'744'073'709'551'615u)
      .Bool("stream", true)
      .Double("seconds", 0.25)
      .Emit();
  EXPECT_EQ(out.Text(),
            R"({"ts":"2024-05-31T16:08:37.171Z","level":"info","msg":"request","event_id":"0190",)"
            R"("status":200,"bytes":18446744073709551615,"stream":true,"seconds":0.25})"
            "\n");
}

TEST(Logger, NamesEachLevel) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kDebug, &FixedClock);
  logger.Debug("d").Emit();
  logger.Info("i").Emit();
  logger.Warn("w").Emit();
  logger.Error("e").Emit();
  const auto lines = out.Lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find(R"("level":"debug","msg":"d")"), std::string::npos);
  EXPECT_NE(lines[1].find(R"("level":"info","msg":"i")"), std::string::npos);
  EXPECT_NE(lines[2].find(R"("level":"warn","msg":"w")"), std::string::npos);
  EXPECT_NE(lines[3].find(R"("level":"error","msg":"e")"), std::string::npos);
}

TEST(Logger, DropsLinesBelowItsLevel) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kWarn, &FixedClock);
  logger.Debug("no").Str("k", "v").Emit();
  logger.Info("no").Emit();
  logger.Warn("yes").Emit();
  const auto lines = out.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(R"("msg":"yes")"), std::string::npos);
}

TEST(Logger, SetLevelTakesEffectForLaterLines) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kError, &FixedClock);
  logger.Info("before").Emit();
  logger.SetLevel(LogLevel::kDebug);
  logger.Debug("after").Emit();
  const auto lines = out.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(R"("msg":"after")"), std::string::npos);
}

TEST(Logger, EscapesMessageKeysAndValues) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  logger.Info("a \"quoted\"\nmsg").Str("we\"ird", "tab\there \xff").Emit();
  EXPECT_EQ(out.Text(),
            R"({"ts":"2024-05-31T16:08:37.171Z","level":"info","msg":"a \"quoted\"\nmsg",)"
            R"("we\"ird":"tab\there \ufffd"})"
            "\n");
}

TEST(Logger, WritesNonFiniteDoublesAsNull) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  logger.Info("m").Double("x", std::numeric_limits<double>::quiet_NaN()).Emit();
  EXPECT_NE(out.Text().find(R"("x":null})"), std::string::npos);
}

TEST(Logger, WritesALineNeverEmittedWhenItIsDestroyed) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  { logger.Info("implicit").Int("n", 1); }
  EXPECT_EQ(out.Lines().size(), 1u);
}

TEST(Logger, EmitsEachLineOnce) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  {
    Line line = logger.Info("once");
    line.Emit();
    line.Emit();
  }
  EXPECT_EQ(out.Lines().size(), 1u);
}

std::string LoggedValue(const Logger& logger) {
  logger.Info("inner").Emit();
  return "computed";
}

TEST(Logger, KeepsLinesApartWhenOneIsBuiltInsideAnother) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  logger.Info("outer").Str("value", LoggedValue(logger)).Emit();
  const auto lines = out.Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], R"({"ts":"2024-05-31T16:08:37.171Z","level":"info","msg":"inner"})");
  EXPECT_EQ(lines[1],
            R"({"ts":"2024-05-31T16:08:37.171Z","level":"info","msg":"outer","value":"computed"})");
}

TEST(Logger, LinesFromManyThreadsStayWhole) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  constexpr int kThreads = 4;
  constexpr int kLines = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < kLines; ++i) {
        logger.Info("concurrent")
            .Int("thread", t)
            .Int("i", i)
            .Str("pad", std::string(100, 'x'))
            .Emit();
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const auto lines = out.Lines();
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kLines));
  for (const std::string& line : lines) {
    ASSERT_EQ(line.front(), '{');
    ASSERT_EQ(line.back(), '}');
    ASSERT_NE(line.find(std::string(100, 'x') + "\"}"), std::string::npos) << line;
  }
}

TEST(Logger, StampsTheWallClockByDefault) {
  Capture out;
  Logger logger(out.fd());
  logger.Info("now").Emit();
  const std::string text = out.Text();
  ASSERT_GE(text.size(), 33u);
  // "ts":"YYYY-MM-DDTHH:MM:SS.mmmZ"
  EXPECT_EQ(text.substr(0, 7), R"({"ts":")");
  EXPECT_EQ(text[11], '-');
  EXPECT_EQ(text[17], 'T');
  EXPECT_EQ(text[26], '.');
  EXPECT_EQ(text[30], 'Z');
  EXPECT_GE(text.substr(7, 4), "2024");
}

TEST(LevelName, SpellsEachLevel) {
  EXPECT_EQ(LevelName(LogLevel::kDebug), "debug");
  EXPECT_EQ(LevelName(LogLevel::kInfo), "info");
  EXPECT_EQ(LevelName(LogLevel::kWarn), "warn");
  EXPECT_EQ(LevelName(LogLevel::kError), "error");
}

TEST(Logger, BatchedLinesWaitForTheThreadsFlush) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  logger.Info("request").Int("n", 1).EmitBatched();
  logger.Info("request").Int("n", 2).EmitBatched();
  EXPECT_EQ(out.Text(), "");
  logger.FlushThreadBatch();
  const std::vector<std::string> lines = out.Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(R"("n":1)"), std::string::npos);
  EXPECT_NE(lines[1].find(R"("n":2)"), std::string::npos);
}

TEST(Logger, ImmediateLinesDoNotWaitBehindTheBatch) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  logger.Info("request").EmitBatched();
  logger.Warn("now").Emit();
  ASSERT_EQ(out.Lines().size(), 1u);
  EXPECT_NE(out.Text().find(R"("msg":"now")"), std::string::npos);
  logger.FlushThreadBatch();
  EXPECT_EQ(out.Lines().size(), 2u);
}

TEST(Logger, BatchIsWrittenOnceItPassesTheBatchSize) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kInfo, &FixedClock);
  const std::string filler(1000, 'x');
  size_t emitted = 0;
  while (out.Text().empty()) {
    logger.Info("request").Str("filler", filler).EmitBatched();
    ++emitted;
    ASSERT_LE(emitted * filler.size(), 2 * Line::kBatchBytes) << "the batch was never written";
  }
  EXPECT_EQ(out.Lines().size(), emitted);
  EXPECT_GE(out.Text().size(), Line::kBatchBytes);
}

TEST(Logger, FilteredBatchedLinesAreDropped) {
  Capture out;
  Logger logger(out.fd(), LogLevel::kWarn, &FixedClock);
  logger.Info("request").EmitBatched();
  logger.FlushThreadBatch();
  EXPECT_EQ(out.Text(), "");
}

}  // namespace
}  // namespace costgate::daemon::log
