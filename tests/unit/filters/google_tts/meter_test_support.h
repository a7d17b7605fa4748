// Runs a Cloud TTS call meter the way the meter filter does: request body (in the given
// pieces), response head, completion.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "filters/exchange.h"
#include "filters/google_tts/call_meter.h"

namespace costgate::filters::google_tts::testing {

inline Exchange SynthesisCall(int status, std::string operation = "synthesize") {
  Exchange x;
  x.provider = "google-tts";
  x.operation = std::move(operation);
  x.metering = Metering::kMetered;
  if (status != 0) {
    ResponseHead head;
    head.status = status;
    head.headers.Add("Content-Type", "application/json; charset=UTF-8");
    x.response = std::move(head);
  }
  return x;
}

// Meters `pieces` of request body on a call answered with `status` (0: no answer).
inline MeteredUsage MeterPieces(std::initializer_list<std::string_view> pieces, int status = 200,
                                std::string operation = "synthesize") {
  Exchange x = SynthesisCall(status, std::move(operation));
  std::unique_ptr<CallMeter> meter = CreateCallMeter(x);
  MeteredUsage usage;
  if (meter == nullptr) {
    ADD_FAILURE() << "no meter for " << x.operation;
    return usage;
  }
  for (const std::string_view piece : pieces) {
    meter->OnRequestBody(piece);
    x.request_bytes += piece.size();
  }
  if (x.response.has_value()) {
    meter->OnResponseHead(*x.response);
    meter->OnResponseBody(R"({"audioContent": "//NExAAAAANIAAAAABcE"})");
  }
  meter->Finish(x, usage);
  return usage;
}

inline MeteredUsage MeterRequest(std::string_view body, int status = 200) {
  return MeterPieces({body}, status);
}

}  // namespace costgate::filters::google_tts::testing
