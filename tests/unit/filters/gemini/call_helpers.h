// Running a Gemini call meter over one call: the request as routed, its body, the response
// head and body (cut where a test says), and the outcome.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "filters/exchange.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini::testing {

struct Call {
  std::string method = "POST";
  std::string target;  // path and query as forwarded upstream
  std::string request_body;
  int status = 200;  // 0: no response head arrived
  Headers response_headers;
  std::string response_body;  // as the wire carried it (gzip bytes when gzip-encoded)
  Outcome outcome = Outcome::kSuccess;
};

// A recorded fixture (tests/fixtures/gemini/<name>.*) as a call. With `short_vectors`, derived:
// the gunzipped body (Content-Encoding dropped) with every embedding "values" array cut to its
// first three numbers, so that a split sweep over it stays quick; the structure around the
// vectors, which is what a split can break, is the recorded one.
Call LoadFixtureCall(std::string_view name, bool short_vectors = false);

// `call` routed (Classify) into an Exchange, with its outcome and request size.
Exchange RoutedExchange(const Call& call);

// Meters `call` with each body fed as the given consecutive pieces.
MeteredUsage MeterCall(const Call& call, const std::vector<std::string_view>& request_pieces,
                       const std::vector<std::string_view>& response_pieces);
MeteredUsage MeterCallWhole(const Call& call);

// Everything a meter reports (testing::Describe) plus whether it estimated.
std::string DescribeCall(const MeteredUsage& usage);

// The meter's result, whole (well-formed, with units), equals its result with the request body
// and then the response body split in two at every byte offset, and with both fed byte by byte.
void ExpectSameAtEverySplit(const Call& call);
// The meter's result, whole, equals its result with both bodies fed byte by byte.
void ExpectSameByteByByte(const Call& call);

}  // namespace costgate::filters::gemini::testing
