#include "filters/preflight/estimate.h"

#include <limits>
#include <memory>

#include "filters/call_meter.h"
#include "filters/gemini/json_value.h"
#include "filters/meter/provider_meter.h"
#include "filters/preflight/generation_request.h"
#include "filters/token_estimate.h"
#include "filters/usage_meter.h"
#include "pricing/call_price.h"

namespace costgate::filters::preflight {
namespace {

constexpr std::string_view kOverflow = "estimate_overflow";

// The operations billed by the tokens they generate, whose output the request bounds.
bool GeneratesTokens(const CallRequest& r) noexcept {
  if (r.provider != "gemini" && r.provider != "vertex") {
    return false;
  }
  return r.operation == "generateContent" || r.operation == "streamGenerateContent" ||
         r.operation == "openai.chat.completions";
}

uint64_t BodyBytes(const CallRequest& r) noexcept {
  return r.body_readable ? r.body.size() : r.body_bytes;
}

// What the receipt's own meter records for this request when the provider answers 2xx and says
// nothing more: the meters of request-billed operations count the request; the others, none.
MeteredUsage MeterRequest(const CallRequest& r) {
  Exchange x;
  x.provider = std::string(r.provider);
  x.operation = std::string(r.operation);
  x.metering = Metering::kMetered;
  x.model_requested = std::string(r.model);
  if (!r.content_type.empty()) {
    x.request.headers.Add("Content-Type", std::string(r.content_type));
  }
  x.request_bytes = BodyBytes(r);
  MeteredUsage usage;
  const std::unique_ptr<CallMeter> meter = CreateCallMeter(x);
  if (meter == nullptr) {
    return usage;
  }
  meter->OnRequestBody(r.body);
  if (!r.body_readable) {
    meter->OnRequestBodyUnreadable();
  }
  ResponseHead head;
  head.status = 200;
  x.response = head;
  meter->OnResponseHead(*x.response);
  meter->Finish(x, usage);
  return usage;
}

// Output tokens by the rule of the header; false on overflow without a cap to bound it.
bool OutputTokens(const GenerationRequest& g, const EstimateOptions& options, Estimate& e) {
  const std::optional<int64_t>& cap = options.per_request_output_cap;
  int64_t tokens = 0;
  const int64_t per_candidate = g.max_output_tokens.value_or(options.default_output_tokens);
  const bool overflow =
      g.output_limit_too_large || __builtin_mul_overflow(per_candidate, g.candidates, &tokens);
  e.output_method = g.max_output_tokens.has_value() || g.output_limit_too_large
                        ? "max_output_tokens"
                        : "default_output_tokens";
  if (overflow && !cap.has_value()) {
    return false;
  }
  if (cap.has_value() && (overflow || *cap < tokens)) {
    tokens = *cap;
    e.output_method = "per_request_output_cap";
  }
  e.units.Set(kUnitOutputTokens, tokens);
  return true;
}

EstimateResult Generation(const CallRequest& r, const EstimateOptions& options) {
  Estimate e;
  e.model_requested = std::string(r.model);
  GenerationRequest g;
  if (r.body_readable && ReadGenerationRequest(r.body, g)) {
    int64_t input = TokensFromBytes(g.text_bytes);
    if (__builtin_add_overflow(input, g.media_tokens, &input)) {
      return {.estimate = std::nullopt, .error = kOverflow};
    }
    e.units.Set(kUnitInputTokens, input);
    e.method = g.has_media ? "request_media_rates" : "request_text_ratio";
    if (e.model_requested.empty()) {
      e.model_requested = gemini::BareModelName(g.model);  // as the receipt names it
    }
  } else {
    // Unread, or not JSON (the provider refuses it, unbilled): the size is all there is, and
    // the output limit when it is too large to read.
    const bool too_large = g.output_limit_too_large;
    g = {};
    g.output_limit_too_large = too_large;
    e.units.Set(kUnitInputTokens, TokensFromBytes(BodyBytes(r)));
    e.method = "body_bytes";
  }
  if (!OutputTokens(g, options, e)) {
    return {.estimate = std::nullopt, .error = kOverflow};
  }
  return {.estimate = std::move(e), .error = {}};
}

// The request-billed operations: what the receipt's meter counts from the same request.
Estimate FromMeter(const CallRequest& r) {
  MeteredUsage usage = MeterRequest(r);
  Estimate e;
  e.model_requested =
      !usage.model_requested.empty() ? std::move(usage.model_requested) : std::string(r.model);
  e.units = std::move(usage.units);
  const bool characters = e.units.Get(kUnitCharacters).has_value();
  if (!r.body_readable) {
    e.method = "body_bytes";
  } else if (characters) {
    e.method = "request_characters";
    // ElevenLabs marks request characters estimated because the credits they become leave out
    // voice multipliers; for a budget, the model's factor is the rule the receipt prices by.
    e.exact = r.provider == "elevenlabs" || !usage.estimated;
  } else if (e.units.Get(kUnitInputTokens).has_value()) {
    e.method = "request_text_ratio";
  } else {
    e.method = e.units.empty() ? "not_estimable" : "request_fields";
  }
  if (e.units.empty() && !r.body_readable) {
    // The meter's own fallback for an unread body is the body's size; a meter without one
    // (embeddings, ElevenLabs JSON) gets the same rule: bytes as tokens at the text ratio, or
    // as characters for a character-billed JSON body. A multipart upload bills audio: none.
    if (r.provider == "gemini" || r.provider == "vertex") {
      e.units.Set(kUnitInputTokens, TokensFromBytes(r.body_bytes));
    } else if (r.provider == "elevenlabs" && !r.content_type.starts_with("multipart/")) {
      e.units.Set(kUnitCharacters, static_cast<int64_t>(r.body_bytes));
    } else {
      e.method = "not_estimable";
    }
  }
  return e;
}

}  // namespace

EstimateResult EstimateCall(const CallRequest& request, const EstimateOptions& options) {
  if (request.metering == Metering::kFree) {
    Estimate e;
    e.units.Set(kUnitRequests, 1);
    e.method = "free_operation";
    e.exact = true;
    e.model_requested = std::string(request.model);
    return {.estimate = std::move(e), .error = {}};
  }
  if (request.metering != Metering::kMetered) {
    Estimate e;
    e.method = "not_estimable";
    e.model_requested = std::string(request.model);
    return {.estimate = std::move(e), .error = {}};
  }
  if (BodyBytes(request) > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return {.estimate = std::nullopt, .error = kOverflow};
  }
  if (GeneratesTokens(request)) {
    return Generation(request, options);
  }
  return {.estimate = FromMeter(request), .error = {}};
}

EstimatePrice PriceEstimate(const pricing::PriceBook& book, std::string_view price_family,
                            const Estimate& estimate, int64_t at_ms) {
  pricing::CallPrice price =
      pricing::PriceCall(book, {.subject = {price_family, {}, estimate.model_requested},
                                .known_key = {},
                                .units = estimate.units,
                                .tier = pricing::ServiceTier::kStandard,
                                .metered = true,
                                .provider_did_not_bill = false,
                                .at_ms = at_ms});
  return {.cost = price.cost,
          .price_key = std::move(price.price_key),
          .unpriced_reason = price.unpriced_reason};
}

}  // namespace costgate::filters::preflight
