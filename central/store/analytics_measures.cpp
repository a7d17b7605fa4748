// The analytics measures of an event, and the one mapping from unit names to measures.
#include "central/store/analytics.h"
#include "pricing/units.h"

namespace costgate::central {

const std::array<std::string_view, kMeasureCount> kMeasureColumns = {
    "cost_pico",       "calls",        "errors",        "unpriced_calls",
    "estimated_calls", "input_tokens", "output_tokens", "cached_tokens",
    "thinking_tokens", "characters",   "credits",       "audio_ms",
};

const std::array<int64_t AnalyticsMeasures::*, kMeasureCount> kMeasureMembers = {
    &AnalyticsMeasures::cost_pico,       &AnalyticsMeasures::calls,
    &AnalyticsMeasures::errors,          &AnalyticsMeasures::unpriced_calls,
    &AnalyticsMeasures::estimated_calls, &AnalyticsMeasures::input_tokens,
    &AnalyticsMeasures::output_tokens,   &AnalyticsMeasures::cached_tokens,
    &AnalyticsMeasures::thinking_tokens, &AnalyticsMeasures::characters,
    &AnalyticsMeasures::credits,         &AnalyticsMeasures::audio_ms,
};

AnalyticsMeasures& AnalyticsMeasures::operator+=(const AnalyticsMeasures& other) {
  for (int64_t AnalyticsMeasures::*member : kMeasureMembers) {
    this->*member += other.*member;
  }
  return *this;
}

// The rule, from the meters (filters/gemini/usage.cpp, filters/elevenlabs, filters/google_tts)
// and pricing/cost.cpp, which bills each unit once:
//  - input_tokens: the prompt as the provider counts it, cached tokens included (Gemini's
//    promptTokenCount holds cachedContentTokenCount), plus tool_use_input_tokens (Gemini's
//    toolUsePromptTokenCount, reported beside the prompt and billed at the input rate).
//  - cached_tokens: cached_input_tokens, a part of input_tokens (so tokens never counts it twice).
//  - output_tokens: the visible candidates; thinking_tokens: the model's thoughts, billed as
//    output but reported apart.
//  - characters (TTS, ElevenLabs, embeddings by characters), credits (ElevenLabs) and audio_ms
//    (transcription) as they are.
//  - Everything else is left out: total_tokens (a sum of the above), the per-modality details
//    (input_text_tokens, cached_input_audio_tokens, ...: parts of the counts above), images,
//    video_seconds and requests (no measure of their own yet).
void AddUnitToMeasures(AnalyticsMeasures& m, std::string_view unit, int64_t value) {
  using namespace pricing;  // the kUnit* names
  if (unit == kUnitInputTokens || unit == kUnitToolUseInputTokens) {
    m.input_tokens += value;
  } else if (unit == kUnitOutputTokens) {
    m.output_tokens += value;
  } else if (unit == kUnitCachedInputTokens) {
    m.cached_tokens += value;
  } else if (unit == kUnitThinkingTokens) {
    m.thinking_tokens += value;
  } else if (unit == kUnitCharacters) {
    m.characters += value;
  } else if (unit == kUnitCredits) {
    m.credits += value;
  } else if (unit == kUnitAudioMs) {
    m.audio_ms += value;
  }
}

AnalyticsMeasures MeasuresOf(const Event& event) {
  AnalyticsMeasures m;
  m.calls = 1;
  m.cost_pico = event.cost ? event.cost->pico() : 0;
  m.errors = event.status == "success" ? 0 : 1;
  m.unpriced_calls = event.cost ? 0 : 1;
  m.estimated_calls = event.estimated ? 1 : 0;
  for (const auto& [unit, value] : event.units) {
    AddUnitToMeasures(m, unit, value);
  }
  return m;
}

}  // namespace costgate::central
