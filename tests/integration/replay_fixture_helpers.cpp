#include "tests/integration/replay_fixture_helpers.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "base/http_message.h"
#include "tests/integration/fixture_helpers.h"
#include "tests/integration/process_helpers.h"

namespace costgate::integration {
namespace {

const std::filesystem::path kFixturesRoot(COSTGATE_FIXTURES_DIR);
constexpr std::string_view kMetaSuffix = ".meta.json";

std::string ReadFixtureFile(const std::filesystem::path& dir, std::string_view file) {
  const std::filesystem::path path = dir / file;
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("missing fixture file " + path.string());
  }
  return ReadFileOrEmpty(path);
}

// Recorded header values are lists in some recordings and plain strings in others.
std::string FirstValue(simdjson::dom::element value) {
  std::string_view text;
  if (value.is_array()) {
    return value.at(0).get(text) == simdjson::SUCCESS ? std::string(text) : "";
  }
  return value.get(text) == simdjson::SUCCESS ? std::string(text) : "";
}

}  // namespace

RecordedExchange LoadRecordedExchange(std::string_view folder, std::string_view name) {
  const std::filesystem::path dir = kFixturesRoot / folder;
  RecordedExchange exchange;
  exchange.folder = std::string(folder);
  exchange.name = std::string(name);
  const std::string meta_text = ReadFixtureFile(dir, exchange.name + std::string(kMetaSuffix));
  simdjson::dom::parser parser;
  const simdjson::dom::element meta = parser.parse(simdjson::padded_string(meta_text));
  exchange.method = RecordedMethod(std::string_view(meta["request"]["method"]));
  exchange.target = RecordedTarget(std::string_view(meta["request"]["uri"]));
  std::string_view file;
  if (meta["request"]["body_file"].get(file) == simdjson::SUCCESS) {
    exchange.request_body = ReadFixtureFile(dir, file);
  }
  const simdjson::dom::element response = meta["response"];
  if (response["raw_gzip_file"].get(file) == simdjson::SUCCESS) {
    exchange.response_body = ReadFixtureFile(dir, file);
  } else if (response["body_file"].get(file) == simdjson::SUCCESS) {
    exchange.response_body = ReadFixtureFile(dir, file);
  }
  // {"code": 200, "message": "OK"} in the Gemini recordings, a bare 200 in others.
  const simdjson::dom::element status = response["status"];
  exchange.status =
      static_cast<int>(status.is_object() ? int64_t(status["code"]) : int64_t(status));
  for (const auto [key, value] : simdjson::dom::object(response["headers"])) {
    if (base::EqualsIgnoreCase(key, "content-type")) {
      exchange.content_type = FirstValue(value);
    }
  }
  return exchange;
}

std::vector<std::string> AllRecordedExchanges() {
  std::vector<std::string> names;
  for (const auto& folder : std::filesystem::directory_iterator(kFixturesRoot)) {
    if (!folder.is_directory()) {
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
      const std::string file = entry.path().filename().string();
      if (file.ends_with(kMetaSuffix)) {
        names.push_back(folder.path().filename().string() + "/" +
                        file.substr(0, file.size() - kMetaSuffix.size()));
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace costgate::integration
