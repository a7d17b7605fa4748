// The recorded Gemini fixtures (tests/fixtures/gemini) as the tests send and expect them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace costgate::integration {

// The recordings most tests send: generateContent answered in gzip, a stream as SSE, and a
// stream as a gzip JSON array.
inline constexpr std::string_view kGzipJsonFixture =
    "ddtrace-gemini-2.0-flash-generateContent-gzip";
inline constexpr std::string_view kSseFixture =
    "ddtrace-gemini-2.0-flash-streamGenerateContent-sse";
inline constexpr std::string_view kJsonArrayGzipFixture =
    "llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip";

struct GeminiFixture {
  std::string name;          // base name, the value of x-mock-fixture
  std::string method;        // upper case
  std::string target;        // recorded path + query, '<' '>' percent-encoded
  std::string request_body;  // "" when none was recorded
  // The exact body bytes the mock sends: the raw gzip stream when the recording was gzip,
  // else the recorded body.
  std::string response_body;
  bool gzip = false;
  bool sse = false;
  std::string content_type;  // recorded response Content-Type
};

// Throws std::runtime_error when the fixture is missing or unreadable.
GeminiFixture LoadFixture(std::string_view name);

// A recorded URI as the request target the tests send: without scheme and host, '<' and '>'
// (redacted ids) percent-encoded.
std::string RecordedTarget(std::string_view uri);

// A recorded method as sent (upper case).
std::string RecordedMethod(std::string_view method);

// SSE body -> events, each with its separator, so they concatenate to the body.
std::vector<std::string> SplitSseEvents(std::string_view body);

std::string Sha256Hex(std::string_view data);

// Byte-exact comparison that reports sizes and the first differing offset instead of dumping
// binary bodies.
::testing::AssertionResult SameBytes(std::string_view actual, std::string_view expected);

}  // namespace costgate::integration
