#include "tests/unit/filters/gemini/call_helpers.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>

#include "filters/gemini/call_meter.h"
#include "filters/gemini/routes.h"
#include "tests/unit/filters/gemini/fixture_helpers.h"

namespace costgate::filters::gemini::testing {
namespace {

const std::string kDir = COSTGATE_FIXTURES_DIR "/gemini/";

bool Exists(const std::string& path) { return std::ifstream(path).good(); }

std::vector<std::string_view> Bytes(std::string_view body) {
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < body.size(); ++i) {
    bytes.push_back(body.substr(i, 1));
  }
  return bytes;
}

// Every "values": [n, n, n, ...] array cut to its first three numbers.
std::string ShortVectors(std::string_view body) {
  std::string out;
  constexpr std::string_view kKey = "\"values\"";
  size_t from = 0;
  for (size_t at = body.find(kKey); at != std::string_view::npos; at = body.find(kKey, from)) {
    const size_t open = body.find('[', at);
    const size_t close = body.find(']', open);
    size_t keep = open + 1;
    for (int i = 0; i < 3 && keep < close; ++i) {
      const size_t comma = body.find(',', keep);
      keep = comma < close ? comma + 1 : close;
    }
    if (keep < close && body[keep - 1] == ',') {
      --keep;
    }
    out.append(body.substr(from, keep - from));
    from = close;
  }
  out.append(body.substr(from));
  return out;
}

}  // namespace

Call LoadFixtureCall(std::string_view name, bool short_vectors) {
  const std::string base = kDir + std::string(name);
  simdjson::dom::parser parser;
  const simdjson::dom::element meta = parser.load(base + ".meta.json");
  Call call;
  call.method = std::string(std::string_view(meta["request"]["method"]));
  const std::string_view uri = meta["request"]["uri"].get_string();
  call.target = std::string(uri.substr(uri.find("googleapis.com/") + 14));
  if (Exists(base + ".request.json")) {
    call.request_body = ReadFile(base + ".request.json");
  }
  call.status = static_cast<int>(int64_t(meta["response"]["status"]["code"]));
  for (auto [field, values] : simdjson::dom::object(meta["response"]["headers"])) {
    for (simdjson::dom::element value : simdjson::dom::array(values)) {
      if (short_vectors && EqualsIgnoreCase(field, "Content-Encoding")) {
        continue;
      }
      call.response_headers.Add(std::string(field), std::string(std::string_view(value)));
    }
  }
  if (short_vectors) {
    call.response_body = ShortVectors(ReadFile(base + ".response.json"));
  } else if (Exists(base + ".response.json.gz")) {
    call.response_body = ReadFile(base + ".response.json.gz");
  } else if (Exists(base + ".response.sse")) {
    call.response_body = ReadFile(base + ".response.sse");
  } else {
    call.response_body = ReadFile(base + ".response.json");
  }
  return call;
}

Exchange RoutedExchange(const Call& call) {
  Exchange x;
  x.provider = "gemini";
  x.request.method = call.method;
  x.request.target = call.target;
  const size_t q = call.target.find('?');
  const std::string_view target = call.target;
  const Operation op = Classify(call.method, target.substr(0, q),
                                q == std::string::npos ? "" : target.substr(q + 1));
  x.operation = op.name;
  x.metering = op.metering;
  x.model_requested = op.model;
  x.stream_sse = op.stream_sse;
  x.price_family = op.price_family;
  x.request_bytes = call.request_body.size();
  x.outcome = call.outcome;
  return x;
}

MeteredUsage MeterCall(const Call& call, const std::vector<std::string_view>& request_pieces,
                       const std::vector<std::string_view>& response_pieces) {
  Exchange x = RoutedExchange(call);
  MeteredUsage usage;
  const auto meter = CreateCallMeter(x);
  if (meter == nullptr) {
    ADD_FAILURE() << "no meter for " << x.operation;
    return usage;
  }
  for (std::string_view piece : request_pieces) {
    meter->OnRequestBody(piece);
  }
  if (call.status != 0) {
    ResponseHead head;
    head.status = call.status;
    head.headers = call.response_headers;
    x.response = head;
    meter->OnResponseHead(head);
    for (std::string_view piece : response_pieces) {
      meter->OnResponseBody(piece);
    }
    x.http_status = call.status;
  }
  meter->Finish(x, usage);
  return usage;
}

MeteredUsage MeterCallWhole(const Call& call) {
  return MeterCall(call, {call.request_body}, {call.response_body});
}

std::string DescribeCall(const MeteredUsage& usage) {
  return Describe(usage) + " estimated=" + (usage.estimated ? "1" : "0");
}

void ExpectSameAtEverySplit(const Call& call) {
  const MeteredUsage whole = MeterCallWhole(call);
  ASSERT_EQ(whole.malformed, 0U) << call.target;
  ASSERT_FALSE(whole.units.empty()) << call.target;
  const std::string expected = DescribeCall(whole);
  const std::string_view request = call.request_body;
  const std::string_view response = call.response_body;
  for (size_t cut = 0; cut <= request.size(); ++cut) {
    const MeteredUsage split =
        MeterCall(call, {request.substr(0, cut), request.substr(cut)}, {response});
    ASSERT_EQ(DescribeCall(split), expected) << call.target << " request cut at " << cut;
  }
  for (size_t cut = 0; cut <= response.size(); ++cut) {
    const MeteredUsage split =
        MeterCall(call, {request}, {response.substr(0, cut), response.substr(cut)});
    ASSERT_EQ(DescribeCall(split), expected) << call.target << " response cut at " << cut;
  }
  ExpectSameByteByByte(call);
}

void ExpectSameByteByByte(const Call& call) {
  EXPECT_EQ(DescribeCall(MeterCall(call, Bytes(call.request_body), Bytes(call.response_body))),
            DescribeCall(MeterCallWhole(call)))
      << call.target;
}

}  // namespace costgate::filters::gemini::testing
