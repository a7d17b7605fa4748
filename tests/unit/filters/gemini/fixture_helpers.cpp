#include "tests/unit/filters/gemini/fixture_helpers.h"

#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace costgate::filters::gemini::testing {
namespace {

const std::string kDir = COSTGATE_FIXTURES_DIR "/gemini/";

bool Exists(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Fixture LoadFixture(std::string_view name) {
  const std::string base = kDir + std::string(name);
  simdjson::dom::parser parser;
  const simdjson::dom::element meta = parser.load(base + ".meta.json");
  const std::string_view uri = meta["request"]["uri"].get_string();
  const std::string_view path = uri.substr(0, uri.find('?'));
  const std::string_view query =
      uri.find('?') == std::string_view::npos ? "" : uri.substr(uri.find('?') + 1);
  const std::string_view operation = path.substr(path.rfind(':') + 1);
  ResponseHead head;
  head.status = static_cast<int>(int64_t(meta["response"]["status"]["code"]));
  for (auto [field, values] : simdjson::dom::object(meta["response"]["headers"])) {
    for (simdjson::dom::element value : simdjson::dom::array(values)) {
      head.headers.Add(std::string(field), std::string(std::string_view(value)));
    }
  }
  Fixture fixture;
  fixture.options =
      ChooseMeterOptions(operation, query.find("alt=sse") != std::string_view::npos, head);
  if (fixture.options.gzip) {
    fixture.body = ReadFile(base + ".response.json.gz");
  } else if (Exists(base + ".response.sse")) {
    fixture.body = ReadFile(base + ".response.sse");
  } else {
    fixture.body = ReadFile(base + ".response.json");
  }
  return fixture;
}

MeteredUsage Meter(const MeterOptions& options, const std::vector<std::string_view>& chunks) {
  const auto meter = CreateMeter(options);
  for (std::string_view chunk : chunks) {
    meter->Feed(chunk);
  }
  meter->Finish();
  return meter->usage();
}

MeteredUsage MeterWhole(const MeterOptions& options, std::string_view body) {
  return Meter(options, {body});
}

MeteredUsage MeterByteByByte(const MeterOptions& options, std::string_view body) {
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < body.size(); ++i) {
    bytes.push_back(body.substr(i, 1));
  }
  return Meter(options, bytes);
}

std::string Describe(const MeteredUsage& usage) {
  std::ostringstream out;
  out << "units=" << usage.units.ToJson() << " model=" << usage.model_version
      << " tier=" << usage.service_tier << " traffic=" << usage.traffic_type
      << " reported=" << usage.reported << " malformed=" << usage.malformed
      << " oversized=" << usage.oversized;
  return out.str();
}

}  // namespace costgate::filters::gemini::testing
