// Test support for the ElevenLabs meters: exchanges shaped as the route leaves them, the
// recorded TTS response head (elevenlabs-js#407), multipart bodies, and a run of a call meter's
// hooks in the daemon's order.
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "filters/call_meter.h"
#include "filters/elevenlabs/call_meter.h"
#include "filters/exchange.h"
#include "tests/unit/filters/fixture_file.h"

namespace costgate::filters::elevenlabs::testing {

// A recording in tests/fixtures/elevenlabs.
inline std::string Fixture(std::string_view name) {
  return ReadFixture("elevenlabs/" + std::string(name));
}

inline Exchange MeteredCall(std::string operation, std::string content_type = "application/json") {
  Exchange x;
  x.provider = "elevenlabs";
  x.operation = std::move(operation);
  x.metering = Metering::kMetered;
  x.request.method = "POST";
  x.request.headers.Add("xi-api-key", "sk_test");
  x.request.headers.Add("Content-Type", std::move(content_type));
  return x;
}

inline ResponseHead Head(int status, std::string content_type = "audio/mpeg") {
  ResponseHead head;
  head.status = status;
  head.headers.Add("content-type", std::move(content_type));
  return head;
}

// The 200 head of elevenlabs-js#407, from the fixture's parsed header object.
inline ResponseHead RecordedTtsHead() {
  const simdjson::padded_string json(
      ReadFixture("elevenlabs/issue-elevenlabs-js-407-tts-response-headers.parsed.json"));
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json);
  ResponseHead head;
  head.status = static_cast<int>(int64_t(doc["status"]));
  for (const auto field : simdjson::dom::object(doc["headers"])) {
    head.headers.Add(std::string(field.key), std::string(std::string_view(field.value)));
  }
  return head;
}

// One call as the daemon sees it; unset parts: no body, no answer, success, 4 KiB chunks.
struct Call {
  std::string_view request_body;
  std::optional<ResponseHead> head;  // nullopt: no answer arrived
  std::string_view response_body;
  Outcome outcome = Outcome::kSuccess;
  size_t piece = 4096;  // chunk size of both bodies

  Call& RequestBody(std::string_view body) {
    request_body = body;
    return *this;
  }
  Call& Answer(ResponseHead answer) {
    head = std::move(answer);
    return *this;
  }
  Call& ResponseBody(std::string_view body) {
    response_body = body;
    return *this;
  }
  Call& Ending(Outcome ending) {
    outcome = ending;
    return *this;
  }
  Call& Piece(size_t bytes) {
    piece = bytes;
    return *this;
  }
};

// Creates x's meter and runs request body, head, response body and Finish as the daemon does.
inline MeteredUsage RunMeter(Exchange& x, const Call& call) {
  std::unique_ptr<CallMeter> meter = CreateCallMeter(x);
  if (meter == nullptr) {
    throw std::logic_error("no meter for " + x.operation);
  }
  for (size_t at = 0; at < call.request_body.size(); at += call.piece) {
    meter->OnRequestBody(call.request_body.substr(at, call.piece));
  }
  x.request_bytes = call.request_body.size();
  if (call.head.has_value()) {
    x.response = *call.head;
    meter->OnResponseHead(*x.response);
  }
  for (size_t at = 0; at < call.response_body.size(); at += call.piece) {
    meter->OnResponseBody(call.response_body.substr(at, call.piece));
  }
  x.outcome = call.outcome;
  MeteredUsage usage;
  meter->Finish(x, usage);
  return usage;
}

inline constexpr std::string_view kBoundary = "----costgate7MA4YWxkTrZu0gW";

inline std::string FormField(std::string_view name, std::string_view value) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
         std::string(name) + "\"\r\n\r\n" + std::string(value) + "\r\n";
}

inline std::string FormFile(std::string_view name, std::string_view bytes) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
         std::string(name) + "\"; filename=\"speech.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n" +
         std::string(bytes) + "\r\n";
}

inline std::string FormEnd() { return "--" + std::string(kBoundary) + "--\r\n"; }

inline std::string MultipartType() {
  return "multipart/form-data; boundary=" + std::string(kBoundary);
}

}  // namespace costgate::filters::elevenlabs::testing
