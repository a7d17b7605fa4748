// Which price key prices a call: from the model the provider says it served, then the one the
// request named (PROVIDERS.md trap 11: aliases such as gemini-flash-latest serve another model).
//
// Rules, in order (documented in README "Pricing"):
//  1. Names are tried modelVersion first, then the URL model; each is cut to the part after the
//     last "models/" ("models/x", "publishers/google/models/x", full Vertex resource paths).
//  2. Each name is tried under the provider's key prefixes: Gemini API "gemini/<m>", "<m>",
//     "vertex_ai/<m>"; Vertex AI "vertex_ai/<m>", "<m>", "gemini/<m>"; ElevenLabs
//     "elevenlabs/<m>"; Cloud TTS "google-tts/<m>", "vertex_ai/<m>", "<m>"; any other provider
//     "<provider>/<m>", "<m>". A row of the provider's own price list (RowBelongsTo: a LiteLLM
//     row's litellm_provider, a catalogue row's provider) wins over another provider's row of
//     the same name, whatever the key: a bare "<m>" may be a Vertex AI row or a Gemini API one.
//  3. When no prefix matches, the name loses one version suffix and is tried again: "@..."
//     ("x@001"), a trailing all-digit segment of two or more digits ("-001", "-05-20" in two
//     steps, "-09-2025"), then "-preview", "-exp" or "-latest". So gemini-2.5-flash-preview-05-20
//     falls back to gemini-2.5-flash-preview, then gemini-2.5-flash.
// The first key with a row in force at the call's start time wins; none: the call is unpriced.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/price_book.h"
#include "pricing/units.h"

namespace costgate::pricing {

struct PriceSubject {
  std::string_view provider;         // "gemini", "vertex", "elevenlabs", "google-tts"
  std::string_view model_version;    // the model the provider says it served; may be empty
  std::string_view model_requested;  // the model the request named; may be empty
};

// The row is part of `provider`'s own price list: "gemini" (LiteLLM "gemini"), "vertex"
// ("vertex_ai*"), "google-tts" ("google-tts", and Google Cloud's "vertex_ai*" rows), any other
// provider by its name. A row that names no provider (LiteLLM entries without
// litellm_provider) claims no list and belongs to every one.
bool RowBelongsTo(const PriceRow& row, std::string_view provider) noexcept;

struct ResolvedKey {
  const PriceRow* row = nullptr;  // nullptr: no candidate has a price
  std::string key;
};

ResolvedKey ResolvePriceKey(const PriceBook& book, const PriceSubject& subject, int64_t at_ms);

// ResolvePriceKey for a call with `units`. ElevenLabs credits alone (the character-cost header,
// or a sound generation's estimate) are the bill whatever the model: when no model row resolves
// (sound generation names none; the voice changer models have no row) they price at the
// configured plan's row, "elevenlabs/plan/<plan>".
ResolvedKey ResolvePriceKey(const PriceBook& book, const PriceSubject& subject, const Units& units,
                            int64_t at_ms);

// A name as rule 1 cuts it: the part after the last "models/" (a view into `name`).
std::string_view PricedModelName(std::string_view name) noexcept;

// Every candidate key in the order first tried (for `costgate prices show` to explain a miss).
std::vector<std::string> PriceKeyCandidates(const PriceSubject& subject);

}  // namespace costgate::pricing
