// The request-framing corpus: requests whose framing is ambiguous, obfuscated or malformed,
// each sent raw to a real daemon whose every upstream is a listener that counts connections.
// Each case asserts the status costgate answers with and that nothing reached the upstream:
// not one connection, so not one byte. A positive control proves the listener would have seen
// a forwarded request.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/integration/counting_listener_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kPath = "/gemini/v1beta/models/gemini-2.0-flash:generateContent";
const std::string kLine = "POST " + std::string(kPath) + " HTTP/1.1\r\n";
const std::string kHost = "Host: 127.0.0.1\r\n";
const std::string kJson = "Content-Type: application/json\r\nx-goog-api-key: k\r\n";
// A well-formed request line and fields: each case adds its framing and body.
const std::string kStart = kLine + kHost + kJson;

struct FramingCase {
  std::string name;
  std::string wire;
  int status;
};

std::string Chunked(std::string_view body) {
  return kStart + "Transfer-Encoding: chunked\r\n\r\n" + std::string(body);
}

std::string WithTe(std::string_view value) {
  return kStart + "Transfer-Encoding: " + std::string(value) + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
}

std::string WithCl(std::string_view value) {
  return kStart + "Content-Length: " + std::string(value) + "\r\n\r\nabcde";
}

std::string WithField(std::string_view field) {
  return kStart + std::string(field) + "\r\nContent-Length: 2\r\n\r\n{}";
}

std::string WithLine(std::string_view request_line) {
  return std::string(request_line) + "\r\n" + kHost + "Content-Length: 2\r\n\r\n{}";
}

std::vector<FramingCase> Corpus() {
  const std::string valid = kStart + "Content-Length: 2\r\n\r\n{}";
  std::vector<FramingCase> cases = {
      // Obfuscated and listed transfer codings: one rule, RFC 9112 6.1.
      {"te identity, chunked", WithTe("identity, chunked"), 501},
      {"te gzip, chunked", WithTe("gzip, chunked"), 501},
      {"te foo, chunked", WithTe("foo, chunked"), 501},
      {"te deflate, chunked", WithTe("deflate, chunked"), 501},
      {"te xchunked", WithTe("xchunked"), 501},
      {"te chunked with parameter", WithTe("chunked;q=1.0"), 501},
      {"te gzip alone", WithTe("gzip"), 501},
      {"te identity alone", WithTe("identity"), 501},
      {"te leading comma", WithTe(", chunked"), 400},
      {"te trailing comma", WithTe("chunked,"), 400},
      {"te double comma", WithTe("gzip,,chunked"), 400},
      {"te chunked, identity", WithTe("chunked, identity"), 400},
      {"te chunked twice in a list", WithTe("chunked, chunked"), 400},
      {"te quoted", WithTe("\"chunked\""), 400},
      {"te empty", kStart + "Transfer-Encoding: \r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400},
      {"te empty beside a length", kStart + "Transfer-Encoding: \r\nContent-Length: 3\r\n\r\nabc",
       400},
      {"te identity then te chunked",
       kStart + "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"te chunked then te empty",
       kStart + "Transfer-Encoding: chunked\r\nTransfer-Encoding: \r\n\r\n0\r\n\r\n", 400},
      {"te chunked twice as fields",
       kStart + "Transfer-Encoding: chunked\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"te then content-length",
       kStart + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 400},
      {"content-length then te",
       kStart + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"te on HTTP/1.0",
       "POST " + std::string(kPath) + " HTTP/1.0\r\n" + kHost +
           "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       400},
      {"te with a space before the colon", kStart + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
       400},
      {"te obs-folded", kStart + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400},
      {"te with a vertical tab",
       WithTe("\x0b"
              "chunked"),
       400},
      {"te spelled with an underscore", kStart + "Transfer_Encoding: chunked\r\n\r\n0\r\n\r\n",
       400},
      {"te with a NUL in the name",
       kStart + std::string("Transfer-Encoding\0: chunked\r\n\r\n", 32), 400},
      // Duplicate, conflicting and malformed lengths.
      {"two equal lengths", kStart + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nabcde", 400},
      {"two different lengths", kStart + "Content-Length: 5\r\nContent-Length: 3\r\n\r\nabcde",
       400},
      {"length list", WithCl("5, 5"), 400},
      {"signed length", WithCl("+5"), 400},
      {"negative length", WithCl("-5"), 400},
      {"hex length", WithCl("0x5"), 400},
      {"length with an inner space", WithCl("5 5"), 400},
      {"empty length", WithCl(""), 400},
      {"length over 2^64", WithCl("184467440737095516160"), 400},
      {"length spelled with an underscore", kStart + "Content_Length: 5\r\n\r\nabcde", 400},
      {"length over the body limit", kStart + "Content-Length: 70000\r\n\r\n", 413},
      // Chunk-size edge cases: the body that came with the head is checked before anything
      // goes upstream.
      {"chunk size with 0x", Chunked("0x3\r\nabc\r\n0\r\n\r\n"), 400},
      {"negative chunk size", Chunked("-3\r\nabc\r\n0\r\n\r\n"), 400},
      {"chunk size with a leading space", Chunked(" 3\r\nabc\r\n0\r\n\r\n"), 400},
      {"chunk size overflowing 64 bits", Chunked("1ffffffffffffffff\r\nabc\r\n0\r\n\r\n"), 400},
      {"chunk longer than its size", Chunked("3\r\nabcdef\r\n0\r\n\r\n"), 400},
      {"chunk without its CRLF", Chunked("3\r\nabc0\r\n\r\n"), 400},
      {"chunk size ended by a bare LF", Chunked("3\nabc\r\n0\r\n\r\n"), 400},
      {"chunk data ended by a bare LF", Chunked("3\r\nabc\n0\r\n\r\n"), 400},
      {"chunk size that is not hex", Chunked("g\r\nabc\r\n0\r\n\r\n"), 400},
      {"chunk extension with a control byte", Chunked("3;\x01\r\nabc\r\n0\r\n\r\n"), 400},
      {"trailer without a colon", Chunked("3\r\nabc\r\n0\r\nbroken trailer\r\n\r\n"), 400},
      // Bare CR / LF, obs-fold, NUL, empty and invalid field names.
      {"bare LF line endings",
       "POST " + std::string(kPath) + " HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 2\n\n{}", 400},
      {"bare LF after a field", kStart + "X-A: 1\nContent-Length: 2\r\n\r\n{}", 400},
      {"bare CR in a value", WithField("X-A: 1\r2"), 400},
      {"NUL in a value",
       WithField(std::string("X-A: 1\0"
                             "2",
                             7)),
       400},
      {"obs-fold in a field", WithField("X-A: 1\r\n 2"), 400},
      {"empty field name", WithField(": 1"), 400},
      {"field name with a space", WithField("X A: 1"), 400},
      {"field name with a slash", WithField("X/A: 1"), 400},
      {"field name with a DEL",
       WithField("X\x7f"
                 "A: 1"),
       400},
      {"field name with non-ASCII", WithField("X\xc3\xa9: 1"), 400},
      {"field line without a colon", WithField("X-A 1"), 400},
      // Request targets other than origin-form, and broken request lines.
      {"absolute-form target",
       WithLine("POST http://127.0.0.1:8787" + std::string(kPath) + " HTTP/1.1"), 400},
      {"absolute-form target to a metadata address",
       WithLine("GET http://169.254.169.254/latest/meta-data/ HTTP/1.1"), 400},
      {"authority-form target", WithLine("CONNECT generativelanguage.googleapis.com:443 HTTP/1.1"),
       400},
      {"asterisk-form target", WithLine("OPTIONS * HTTP/1.1"), 400},
      {"HTTP/2 request line", WithLine("POST " + std::string(kPath) + " HTTP/2.0"), 400},
      {"lowercase method", WithLine("post " + std::string(kPath) + " HTTP/1.1"), 400},
      {"two spaces in the request line", WithLine("POST  " + std::string(kPath) + " HTTP/1.1"),
       400},
      {"NUL in the target", WithLine(std::string("POST /gemini/v1beta/\0x HTTP/1.1", 32)), 400},
      {"space in the target", WithLine("POST /gemini/v1beta/a b HTTP/1.1"), 400},
      // Pipelining: a refused request closes the connection; what follows it is never read.
      {"smuggled request after a refused one", WithTe("gzip, chunked") + valid, 501},
      {"valid request after a malformed chunk", Chunked("3\r\nabcdef\r\n0\r\n\r\n") + valid, 400},
      // Limits.
      {"head over max_header_bytes", WithField("X-Big: " + std::string(20'000, 'a')), 431},
  };
  std::string many = kStart;
  for (int i = 0; i < 60; ++i) {
    many += "X-H" + std::to_string(i) + ": v\r\n";
  }
  cases.push_back({"more fields than max_header_count", many + "Content-Length: 2\r\n\r\n{}", 431});
  return cases;
}

class RequestFramingCorpusTest : public IntegrationTest {
 protected:
  static void TearDownTestSuite() {
    own_.reset();
    listener_.reset();
  }

  CostgateProcess& StartDaemon() override {
    if (!own_) {
      listener_ = std::make_unique<CountingListener>();
      DaemonSettings settings;
      settings.upstream_url = "https://127.0.0.1:" + std::to_string(listener_->port());
      settings.upstream_connect_ms = 1'000;
      own_ = std::make_unique<DaemonUnderTest>(settings);
    }
    return *own_->daemon;
  }

  static CountingListener& listener() { return *listener_; }

 private:
  static inline std::unique_ptr<CountingListener> listener_;
  static inline std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(RequestFramingCorpusTest, EveryCaseIsRefusedAndNothingReachesTheUpstream) {
  const std::vector<FramingCase> corpus = Corpus();
  ASSERT_GE(corpus.size(), 60u);
  for (const FramingCase& c : corpus) {
    RawConnection connection(daemon().port());
    ASSERT_TRUE(connection.connected()) << c.name;
    ASSERT_TRUE(connection.Send(c.wire)) << c.name;
    const auto head = connection.ReadHead(kWait);
    ASSERT_TRUE(head.has_value()) << c.name;
    EXPECT_EQ(head->status, c.status) << c.name;
    EXPECT_TRUE(head->Header("x-costgate-reason").has_value()) << c.name;
    connection.ReadFullBody(kWait);
    EXPECT_NE(connection.body().find("\"error\""), std::string::npos) << c.name;
    // The framing of anything after a refusal is unknowable: the connection must not carry on.
    EXPECT_TRUE(connection.WaitForClose(kWait)) << c.name;
    EXPECT_EQ(listener().connections(), 0u) << c.name;
  }
  EXPECT_EQ(listener().bytes(), 0u);
}

// The listener sees what the daemon forwards: the same daemon, a valid request, one connection.
TEST_F(RequestFramingCorpusTest, PositiveControlAValidRequestReachesTheListener) {
  const uint64_t before = listener().connections();
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.Send(kStart + "Content-Length: 2\r\n\r\n{}"));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  // The listener never answers the TLS handshake: the connect times out.
  EXPECT_EQ(head->status, 504);
  EXPECT_GT(listener().connections(), before);
  EXPECT_GT(listener().bytes(), 0u);
}

}  // namespace
}  // namespace costgate::integration
