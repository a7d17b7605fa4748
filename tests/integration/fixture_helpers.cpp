#include "tests/integration/fixture_helpers.h"

#include <simdjson.h>

#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "base/sha256.h"
#include "tests/integration/process_helpers.h"

namespace costgate::integration {
namespace {

const std::filesystem::path kFixturesDir = std::filesystem::path(COSTGATE_FIXTURES_DIR) / "gemini";

std::string ReadFixtureFile(std::string_view file) {
  const std::filesystem::path path = kFixturesDir / file;
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("missing fixture file " + path.string());
  }
  return ReadFileOrEmpty(path);
}

}  // namespace

std::string RecordedTarget(std::string_view uri) {
  const size_t scheme_end = uri.find("://");
  const size_t path_start =
      uri.find('/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  std::string target;
  for (char c : uri.substr(path_start)) {
    if (c == '<') {
      target += "%3C";
    } else if (c == '>') {
      target += "%3E";
    } else {
      target += c;
    }
  }
  return target;
}

std::string RecordedMethod(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return upper;
}

GeminiFixture LoadFixture(std::string_view name) {
  GeminiFixture fixture;
  fixture.name = std::string(name);
  const std::string meta_text = ReadFixtureFile(fixture.name + ".meta.json");
  simdjson::dom::parser parser;
  simdjson::dom::element meta = parser.parse(simdjson::padded_string(meta_text));
  fixture.method = RecordedMethod(std::string_view(meta["request"]["method"]));
  fixture.target = RecordedTarget(std::string_view(meta["request"]["uri"]));
  std::string_view request_body_file;
  if (meta["request"]["body_file"].get(request_body_file) == simdjson::SUCCESS) {
    fixture.request_body = ReadFixtureFile(request_body_file);
  }
  std::string_view gzip_file;
  std::string_view body_file;
  if (meta["response"]["raw_gzip_file"].get(gzip_file) == simdjson::SUCCESS) {
    fixture.gzip = true;
    fixture.response_body = ReadFixtureFile(gzip_file);
  } else if (meta["response"]["body_file"].get(body_file) == simdjson::SUCCESS) {
    fixture.sse = body_file.ends_with(".sse");
    fixture.response_body = ReadFixtureFile(body_file);
  }
  std::string_view content_type;
  if (meta["response"]["headers"]["Content-Type"].at(0).get(content_type) == simdjson::SUCCESS) {
    fixture.content_type = std::string(content_type);
  }
  return fixture;
}

std::vector<std::string> SplitSseEvents(std::string_view body) {
  std::vector<std::string> events;
  while (!body.empty()) {
    const size_t end = body.find("\r\n\r\n");
    const size_t length = end == std::string_view::npos ? body.size() : end + 4;
    events.emplace_back(body.substr(0, length));
    body.remove_prefix(length);
  }
  return events;
}

std::string Sha256Hex(std::string_view data) { return base::Sha256Hex(data); }

::testing::AssertionResult SameBytes(std::string_view actual, std::string_view expected) {
  if (actual == expected) {
    return ::testing::AssertionSuccess();
  }
  size_t offset = 0;
  while (offset < actual.size() && offset < expected.size() && actual[offset] == expected[offset]) {
    ++offset;
  }
  return ::testing::AssertionFailure()
         << "got " << actual.size() << " bytes, expected " << expected.size()
         << "; first difference at offset " << offset;
}

}  // namespace costgate::integration
