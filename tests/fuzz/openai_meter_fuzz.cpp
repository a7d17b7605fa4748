// libFuzzer target for the OpenAI-compatible call meter (SSE framing, usage extraction, the text
// walk behind the estimate of an answer without usage) fed arbitrary bodies.
//
// Input: byte 0 picks the operation (chat or embeddings), the body's Content-Type (SSE or JSON)
// and how the call ends (whole, cut off by the client, reset by the upstream); byte 1 seeds the
// read sizes; the rest is split at byte 2's offset into the request body and the response body.
// Beyond what the sanitizers catch, it aborts when the result depends on how the bodies were
// split into reads, or when units are reported and estimated at once.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "filters/gemini/call_meter.h"

namespace {

using costgate::filters::Exchange;
using costgate::filters::MeteredUsage;
using costgate::filters::Metering;
using costgate::filters::Outcome;
using costgate::filters::ResponseHead;

size_t NextSize(uint32_t& seed) {
  seed = seed * 1103515245U + 12345U;
  return 1 + (seed >> 16) % 32;
}

MeteredUsage Meter(const Exchange& x, std::string_view request, std::string_view response,
                   uint32_t seed, bool split) {
  MeteredUsage usage;
  const auto meter = costgate::filters::gemini::CreateCallMeter(x);
  if (meter == nullptr) {
    std::abort();
  }
  for (size_t pos = 0; pos < request.size();) {
    const size_t n = split ? std::min(NextSize(seed), request.size() - pos) : request.size();
    meter->OnRequestBody(request.substr(pos, n));
    pos += n;
  }
  meter->OnResponseHead(*x.response);
  for (size_t pos = 0; pos < response.size();) {
    const size_t n = split ? std::min(NextSize(seed), response.size() - pos) : response.size();
    meter->OnResponseBody(response.substr(pos, n));
    pos += n;
  }
  meter->Finish(x, usage);
  return usage;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) {
    return 0;
  }
  const uint8_t flags = data[0];
  const uint32_t seed = data[1];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 3, size - 3);
  const size_t cut = std::min<size_t>(data[2], rest.size());
  const std::string_view request = rest.substr(0, cut);
  const std::string_view response = rest.substr(cut);

  Exchange x;
  x.provider = "gemini";
  x.operation = (flags & 0x01) != 0 ? "openai.embeddings" : "openai.chat.completions";
  x.metering = Metering::kMetered;
  x.request_bytes = request.size();
  ResponseHead head;
  head.status = 200;
  head.headers.Add("Content-Type", (flags & 0x02) != 0 ? "text/event-stream" : "application/json");
  x.response = head;
  x.outcome = (flags & 0x0c) == 0x04   ? Outcome::kCancelled
              : (flags & 0x0c) == 0x08 ? Outcome::kUpstreamError
                                       : Outcome::kSuccess;

  const MeteredUsage whole = Meter(x, request, response, seed, false);
  const MeteredUsage split = Meter(x, request, response, seed, true);
  if (whole.units != split.units || whole.model_version != split.model_version ||
      whole.model_requested != split.model_requested || whole.reported != split.reported ||
      whole.estimated != split.estimated || whole.malformed != split.malformed) {
    std::abort();
  }
  if (whole.reported && whole.estimated) {
    std::abort();
  }
  return 0;
}
