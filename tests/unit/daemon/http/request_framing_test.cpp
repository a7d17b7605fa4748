// The one request-framing rule, case by case: what is accepted, what gets 400, what gets 501.
#include "daemon/http/request_framing.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace costgate::daemon::http {
namespace {

struct Case {
  const char* name;
  std::vector<std::pair<std::string, std::string>> fields;
  int version_minor = 1;
  int refusal = 0;
  BodyFraming framing = BodyFraming::kNone;
  uint64_t length = 0;
};

base::RequestHead Head(const Case& c) {
  base::RequestHead head;
  head.method = "POST";
  head.target = "/v1beta/models/m:generateContent";
  head.version_minor = c.version_minor;
  for (const auto& [name, value] : c.fields) {
    head.headers.Add(name, value);
  }
  return head;
}

using F = BodyFraming;

const Case kCases[] = {
    {"no framing field", {{"Host", "a"}}, 1, 0, F::kNone},
    {"content length", {{"Content-Length", "42"}}, 1, 0, F::kContentLength, 42},
    {"zero length", {{"Content-Length", "0"}}, 1, 0, F::kContentLength, 0},
    {"leading zeros", {{"Content-Length", "007"}}, 1, 0, F::kContentLength, 7},
    {"length on HTTP/1.0", {{"Content-Length", "3"}}, 0, 0, F::kContentLength, 3},
    {"largest length",
     {{"Content-Length", "9223372036854775807"}},
     1,
     0,
     F::kContentLength,
     9223372036854775807ULL},
    {"chunked", {{"Transfer-Encoding", "chunked"}}, 1, 0, F::kChunked},
    {"chunked any case", {{"transfer-encoding", "ChUnKeD"}}, 1, 0, F::kChunked},
    {"chunked with whitespace", {{"Transfer-Encoding", " chunked\t"}}, 1, 0, F::kChunked},
    // 501: well-formed codings costgate does not implement.
    {"gzip", {{"Transfer-Encoding", "gzip"}}, 1, 501},
    {"identity", {{"Transfer-Encoding", "identity"}}, 1, 501},
    {"identity then chunked", {{"Transfer-Encoding", "identity, chunked"}}, 1, 501},
    {"gzip then chunked", {{"Transfer-Encoding", "gzip, chunked"}}, 1, 501},
    {"unknown then chunked", {{"Transfer-Encoding", "foo, chunked"}}, 1, 501},
    {"chunked with a parameter", {{"Transfer-Encoding", "chunked;q=1"}}, 1, 501},
    // 400: ambiguous or malformed framing.
    {"empty transfer encoding", {{"Transfer-Encoding", ""}}, 1, 400},
    {"empty transfer encoding beside a length",
     {{"Transfer-Encoding", ""}, {"Content-Length", "5"}},
     1,
     400},
    {"leading empty element", {{"Transfer-Encoding", ", chunked"}}, 1, 400},
    {"trailing empty element", {{"Transfer-Encoding", "chunked,"}}, 1, 400},
    {"chunked not last", {{"Transfer-Encoding", "chunked, identity"}}, 1, 400},
    {"chunked twice", {{"Transfer-Encoding", "chunked, chunked"}}, 1, 400},
    {"two fields identity then chunked",
     {{"Transfer-Encoding", "identity"}, {"Transfer-Encoding", "chunked"}},
     1,
     400},
    {"two fields chunked then empty",
     {{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", ""}},
     1,
     400},
    {"two chunked fields",
     {{"Transfer-Encoding", "chunked"}, {"transfer-encoding", "chunked"}},
     1,
     400},
    {"chunked beside a length",
     {{"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}},
     1,
     400},
    {"length beside chunked", {{"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}}, 1, 400},
    {"chunked on HTTP/1.0", {{"Transfer-Encoding", "chunked"}}, 0, 400},
    {"quoted coding", {{"Transfer-Encoding", "\"chunked\""}}, 1, 400},
    {"coding with a space inside", {{"Transfer-Encoding", "chun ked"}}, 1, 400},
    {"two equal lengths", {{"Content-Length", "5"}, {"Content-Length", "5"}}, 1, 400},
    {"two lengths", {{"Content-Length", "5"}, {"Content-Length", "6"}}, 1, 400},
    {"length list", {{"Content-Length", "5, 5"}}, 1, 400},
    {"empty length", {{"Content-Length", ""}}, 1, 400},
    {"signed length", {{"Content-Length", "+5"}}, 1, 400},
    {"negative length", {{"Content-Length", "-1"}}, 1, 400},
    {"hex length", {{"Content-Length", "0x10"}}, 1, 400},
    {"length with a space inside", {{"Content-Length", "1 0"}}, 1, 400},
    {"length over 2^63", {{"Content-Length", "9223372036854775808"}}, 1, 400},
    {"length over 2^64", {{"Content-Length", "99999999999999999999999"}}, 1, 400},
    {"empty field name", {{"", "x"}}, 1, 400},
    {"field name with a space", {{"Transfer Encoding", "chunked"}}, 1, 400},
    {"field name with a colon", {{"x:y", "1"}}, 1, 400},
    {"field name with a NUL", {{std::string("x\0y", 3), "1"}}, 1, 400},
    {"field name with non-ASCII", {{"x\xc3\xa9", "1"}}, 1, 400},
    {"transfer encoding spelled with an underscore", {{"Transfer_Encoding", "chunked"}}, 1, 400},
    {"content length spelled with an underscore", {{"content_length", "5"}}, 1, 400},
    {"other underscored names pass", {{"x_custom_header", "1"}}, 1, 0, F::kNone},
};

TEST(DecideRequestFraming, EveryCaseOfTheTable) {
  for (const Case& c : kCases) {
    const RequestFraming f = DecideRequestFraming(Head(c));
    EXPECT_EQ(f.refusal, c.refusal) << c.name;
    if (c.refusal == 0) {
      EXPECT_EQ(f.framing, c.framing) << c.name;
      EXPECT_EQ(f.content_length, c.length) << c.name;
    } else {
      EXPECT_STRNE(f.detail, "") << c.name;
    }
  }
}

TEST(DecideRequestFraming, OnlyOriginFormTargetsAreAccepted) {
  for (const char* target : {"http://169.254.169.254/latest", "https://evil.example/",
                             "evil.example:443", "*", "", "v1beta/models"}) {
    base::RequestHead head;
    head.method = "GET";
    head.target = target;
    EXPECT_EQ(DecideRequestFraming(head).refusal, 400) << target;
  }
  base::RequestHead head;
  head.target = "/";
  EXPECT_EQ(DecideRequestFraming(head).refusal, 0);
}

TEST(IsTokenChar, MatchesRfc9110) {
  const std::string tchar =
      "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int c = 0; c < 256; ++c) {
    EXPECT_EQ(IsTokenChar(static_cast<char>(c)),
              tchar.find(static_cast<char>(c)) != std::string::npos)
        << c;
  }
}

}  // namespace
}  // namespace costgate::daemon::http
