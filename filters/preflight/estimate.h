// The cost of a call before it is forwarded (issue 14, "Preflight in the proxy"): units from the
// request alone, priced with the same book and the same price-key resolution as the receipt.
// Pure: no I/O, no clock (the instant is a parameter).
//
// Rules, by operation:
//  - Cloud TTS synthesize / synthesizeLongAudio, ElevenLabs text-to-speech and text-to-dialogue
//    (every variant), sound generation, the embeddings operations (native and
//    OpenAI-compatible), Veo: the units the receipt's own call meter (filters/meter/
//    provider_meter.h) records from the request when the provider reports nothing else.
//    Characters of Cloud TTS and ElevenLabs are exact ("request_characters"; a Cloud TTS
//    request without a voice name is not: the service picks the voice); ElevenLabs characters
//    become credits by the model's credits_per_character when priced, as on the receipt. An
//    embeddings prompt is "request_text_ratio" (its text at kBytesPerToken), sound credits and
//    Veo seconds "request_fields"; neither exact.
//  - generateContent, streamGenerateContent and the OpenAI-compatible chat completions: input
//    tokens from the body at the ratios and media rates of generation_request.h
//    ("request_text_ratio", or "request_media_rates" when inline media is present); output
//    tokens from maxOutputTokens (max_completion_tokens, else max_tokens) times candidateCount
//    (n) ("max_output_tokens"), else options.default_output_tokens ("default_output_tokens"),
//    either capped by options.per_request_output_cap when lower ("per_request_output_cap").
//  - a free operation (Metering::kFree: countTokens, computeTokens): one `requests` unit, which
//    prices at 0 exactly as the receipt's does ("free_operation"); no output.
//  - a body the meter cannot read (compressed in a coding the meter does not decode, or cut
//    short: body_readable false; `body` holds what was read, body_bytes the size as sent):
//    "body_bytes", as is a generation body that is not JSON (the provider refuses it; an
//    integer beyond uint64 anywhere but in an output limit also stops the read). A token-billed
//    call counts the bytes at the text ratio plus the output rule above (the default: the limit
//    was not read); a character-billed one counts body_bytes as characters (an upper bound: JSON
//    and the other fields count too), the receipt's own fallback. Never exact.
//  - anything else (Imagen, speech-to-text and speech-to-speech, which bill by what the
//    response or the uploaded audio holds; an unmetered or pass-through operation): no units,
//    "not_estimable"; its price is unpriced ("no_usage").
// Errors: a count that does not fit int64 (an output limit beyond it, output x candidates, a
// body size) is "estimate_overflow", never a small or zero estimate; a cap bounds an output
// limit beyond int64 instead. A cost beyond int64 pico-USD is unpriced, "overflow".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filters/exchange.h"
#include "filters/units.h"
#include "pricing/money.h"
#include "pricing/price_book.h"

namespace costgate::filters::preflight {

// Both non-negative (the config that supplies them validates it).
struct EstimateOptions {
  int64_t default_output_tokens = 0;  // per candidate, when the request sets no output limit
  std::optional<int64_t> per_request_output_cap;  // output tokens at most; nullopt: no cap
};

struct CallRequest {
  std::string_view provider;   // "gemini", "vertex", "google-tts", "elevenlabs"
  std::string_view operation;  // as the route classifies it
  Metering metering = Metering::kMetered;
  std::string_view model;         // the model the URL names; empty when it names none
  std::string_view content_type;  // the request's Content-Type (ElevenLabs multipart uploads)
  std::string_view body;          // content-decoded body, or what of it was read
  bool body_readable = true;
  uint64_t body_bytes = 0;  // size of the body as sent; used when !body_readable
};

struct Estimate {
  Units units;
  // How the input (or the whole bill) was counted: "request_characters", "request_text_ratio",
  // "request_media_rates", "request_fields", "free_operation", "body_bytes", "not_estimable".
  std::string_view method;
  // How output tokens were counted: "max_output_tokens", "default_output_tokens",
  // "per_request_output_cap"; "" when the operation bills no generated tokens.
  std::string_view output_method;
  bool exact = false;  // the units are what the provider bills
  // The model to price: the URL's, else the one the body names (ElevenLabs model_id or its
  // documented default, a Cloud TTS voice's price key suffix, the OpenAI-compatible "model").
  std::string model_requested;
};

struct EstimateResult {
  std::optional<Estimate> estimate;  // nullopt: error
  std::string_view error;            // "estimate_overflow" when a count does not fit int64
};

EstimateResult EstimateCall(const CallRequest& request, const EstimateOptions& options);

struct EstimatePrice {
  std::optional<pricing::Money> cost;  // nullopt: unpriced
  std::string price_key;               // the key resolved; "" when none
  // "" when priced; pricing's reason otherwise ("unknown_model", "no_usage", "no_rate",
  // "overflow", ...), as on a receipt.
  std::string_view unpriced_reason;
};

// Prices `estimate` with `book` at `at_ms` as the receipt's price filter would price the same
// units (pricing::PriceCall, standard tier): `price_family` is the provider, or the price list
// the route names when not the provider's own (Exchange::price_family).
EstimatePrice PriceEstimate(const pricing::PriceBook& book, std::string_view price_family,
                            const Estimate& estimate, int64_t at_ms);

}  // namespace costgate::filters::preflight
