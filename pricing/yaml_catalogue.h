// Reader of our YAML price catalogue (pricing/data/catalogue.yaml) and of admin override files,
// which share its format:
//
//   version: 1
//   prices:
//     - key: google-tts/wavenet              # required; unique per effective_from
//       provider: google-tts                 # required
//       mode: audio_speech                   # required
//       effective_from: 2024-01-01           # optional: YYYY-MM-DD (UTC midnight) or RFC 3339
//                                            # to the ms ("2024-01-01T12:00:00.5Z", "...+02:00");
//                                            # omitted: since always (kSinceAlways)
//       source: "https://... (read 2026-11-22)"   # required: public page and date read
//       rates:                               # LiteLLM-style rate field -> USD per unit
//         input_cost_per_character: "0.000004"
//       credits_per_character: "0.5"         # optional (ElevenLabs models), at most 3 decimals
//
// A row needs at least one rate or a credits_per_character. Rate names are those ParseRateField
// accepts (tier suffixes, `_above_<N>k_tokens` bands: the band's N sets long_context_threshold).
// Amounts are read from their YAML text exactly with ParseUsd (quoted or plain, never through a
// double); digits past pico-USD are rounded half to even, and a non-zero amount that rounds to
// zero is an error rather than a silent free price.
//
// Strict: an unknown or repeated key, a missing required field, a bad rate name, amount or date,
// a repeated (key, effective_from) or a version other than 1 is an error. Every error is
// reported in one pass, each as "<origin>: <YAML path>: <problem>".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pricing/price_row.h"

namespace costgate::pricing {

struct YamlCatalogueLoad {
  std::vector<PriceRow> rows;       // in file order, each with the given layer
  std::vector<std::string> errors;  // non-empty: do not use rows (they may be partial)
};

// `origin` names the text in errors ("catalogue.yaml: prices[3].rates.x: unknown rate field").
YamlCatalogueLoad LoadYamlCatalogue(std::string_view yaml_text, Layer layer,
                                    std::string_view origin);

}  // namespace costgate::pricing
