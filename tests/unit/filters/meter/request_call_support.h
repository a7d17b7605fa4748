// Test support for the meter filter's reading of request bodies: one call as the route leaves
// it (with a request Content-Encoding), run through a fresh meter filter in the daemon's order.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "filters/exchange.h"
#include "filters/filter_stats.h"
#include "filters/meter/meter_filter.h"

namespace costgate::filters::testing {

// 23 characters of text ("Hello from a gzip body.") on a Turbo model.
inline constexpr std::string_view kSpeechRequest =
    R"({"text":"Hello from a gzip body.","model_id":"eleven_turbo_v2_5"})";

struct RequestCall {
  std::string provider{};
  std::string operation{};
  std::string content_encoding{};  // of the request; empty: none
  std::string model{};             // x.model_requested as the route sets it; may be empty
  int status = 0;                  // the answer, with an empty body; 0: cut off before any answer
  std::string content_type = "application/json";  // of the answer
};

// ElevenLabs text-to-speech answered 200 audio without cost headers: estimated from the text.
inline RequestCall Speech(std::string content_encoding) {
  return {.provider = "elevenlabs",
          .operation = "text-to-speech",
          .content_encoding = std::move(content_encoding),
          .status = 200,
          .content_type = "audio/mpeg"};
}

// Gemini generateContent cut off after the request was sent: estimated from its size.
inline RequestCall CutOffGenerate(std::string content_encoding) {
  return {.provider = "gemini",
          .operation = "generateContent",
          .content_encoding = std::move(content_encoding),
          .model = "gemini-2.5-flash"};
}

// `body` in `piece`-byte chunks.
inline std::vector<std::string_view> Pieces(std::string_view body, size_t piece) {
  std::vector<std::string_view> pieces;
  for (size_t at = 0; at < body.size(); at += piece) {
    pieces.push_back(body.substr(at, std::min(piece, body.size() - at)));
  }
  return pieces;
}

// `body` in two chunks, split at `at` (an empty one left out).
inline std::vector<std::string_view> SplitAt(std::string_view body, size_t at) {
  std::vector<std::string_view> pieces;
  for (const std::string_view piece : {body.substr(0, at), body.substr(at)}) {
    if (!piece.empty()) {
      pieces.push_back(piece);
    }
  }
  return pieces;
}

// Runs `call` through a fresh meter filter counting into `stats`, the request body forwarded in
// `pieces` (x.request_bytes counts them as the session does); returns the completed exchange.
inline Exchange MeterRequest(const RequestCall& call, const std::vector<std::string_view>& pieces,
                             FilterStats& stats) {
  MeterFilter filter(stats);
  Exchange x;
  x.provider = call.provider;
  x.operation = call.operation;
  x.model_requested = call.model;
  x.metering = Metering::kMetered;
  x.request.method = "POST";
  x.request.headers.Add("Content-Type", "application/json");
  if (!call.content_encoding.empty()) {
    x.request.headers.Add("Content-Encoding", call.content_encoding);
  }
  for (const std::string_view piece : pieces) {
    filter.OnRequestBody(x, piece);
    x.request_bytes += piece.size();
  }
  if (call.status == 0) {
    x.outcome = Outcome::kCancelled;
  } else {
    ResponseHead head;
    head.status = call.status;
    head.headers.Add("Content-Type", call.content_type);
    x.response = std::move(head);
    x.http_status = call.status;
    filter.OnResponseHead(x);
  }
  filter.OnComplete(x);
  return x;
}

}  // namespace costgate::filters::testing
