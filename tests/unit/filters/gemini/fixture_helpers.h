// Loading recorded Gemini fixtures (tests/fixtures/gemini) and metering them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "filters/gemini/meter.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini::testing {

std::string ReadFile(const std::string& path);

// A recorded exchange: the body exactly as the wire carried it (the .gz bytes when the server
// sent Content-Encoding: gzip, the raw .sse, else the .json) and the meter options the recorded
// request URI and response head lead to.
struct Fixture {
  std::string body;
  MeterOptions options;
};
Fixture LoadFixture(std::string_view name);

// Meters `body` fed as the given chunks (consecutive pieces of it).
MeteredUsage Meter(const MeterOptions& options, const std::vector<std::string_view>& chunks);
MeteredUsage MeterWhole(const MeterOptions& options, std::string_view body);
MeteredUsage MeterByteByByte(const MeterOptions& options, std::string_view body);

// Everything a meter reports, as one comparable line.
std::string Describe(const MeteredUsage& usage);

}  // namespace costgate::filters::gemini::testing
