#include "filters/gemini/usage.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <utility>

#include "filters/http_message.h"

namespace costgate::filters::gemini {
namespace ondemand = simdjson::ondemand;
namespace {

constexpr size_t kModalityCount = 6;
constexpr std::array<std::string_view, kModalityCount> kModalities = {
    "TEXT", "IMAGE", "AUDIO", "VIDEO", "DOCUMENT", "MODALITY_UNSPECIFIED"};

// Slots, in the order units come out: the six counts, then each details list by modality.
enum : size_t { kInput, kOutput, kCached, kThinking, kToolUse, kTotal, kFirstDetail };
enum : size_t { kInputDetails, kOutputDetails, kCachedDetails, kToolUseDetails, kDetailKinds };
constexpr size_t kSlotCount = kFirstDetail + kDetailKinds * kModalityCount;

constexpr std::array<std::string_view, kSlotCount> kSlotNames = {
    kUnitInputTokens,
    kUnitOutputTokens,
    kUnitCachedInputTokens,
    kUnitThinkingTokens,
    kUnitToolUseInputTokens,
    kUnitTotalTokens,
    "input_text_tokens",
    "input_image_tokens",
    "input_audio_tokens",
    "input_video_tokens",
    "input_document_tokens",
    "input_unspecified_tokens",
    "output_text_tokens",
    "output_image_tokens",
    "output_audio_tokens",
    "output_video_tokens",
    "output_document_tokens",
    "output_unspecified_tokens",
    "cached_input_text_tokens",
    "cached_input_image_tokens",
    "cached_input_audio_tokens",
    "cached_input_video_tokens",
    "cached_input_document_tokens",
    "cached_input_unspecified_tokens",
    "tool_use_input_text_tokens",
    "tool_use_input_image_tokens",
    "tool_use_input_audio_tokens",
    "tool_use_input_video_tokens",
    "tool_use_input_document_tokens",
    "tool_use_input_unspecified_tokens",
};

struct Field {
  std::string_view key;
  size_t index;  // a count's slot, or a details list's kind
};

constexpr std::array<Field, 6> kCountFields = {{
    {"promptTokenCount", kInput},
    {"candidatesTokenCount", kOutput},
    {"cachedContentTokenCount", kCached},
    {"thoughtsTokenCount", kThinking},
    {"toolUsePromptTokenCount", kToolUse},
    {"totalTokenCount", kTotal},
}};

constexpr std::array<Field, 5> kDetailsFields = {{
    {"promptTokensDetails", kInputDetails},
    {"promptTokenDetails", kInputDetails},  // the embeddings spelling
    {"candidatesTokensDetails", kOutputDetails},
    {"cacheTokensDetails", kCachedDetails},
    {"toolUsePromptTokensDetails", kToolUseDetails},
}};

const Field* FindField(const auto& fields, std::string_view key) noexcept {
  for (const Field& field : fields) {
    if (field.key == key) {
      return &field;
    }
  }
  return nullptr;
}

bool ReadCount(ondemand::value& value, int64_t& out) noexcept {
  int64_t n = 0;
  if (value.get_int64().get(n) != simdjson::SUCCESS || n < 0) {
    return false;
  }
  out = n;
  return true;
}

size_t ModalityIndex(std::string_view modality) noexcept {
  for (size_t i = 0; i < kModalityCount; ++i) {
    if (EqualsIgnoreCase(kModalities[i], modality)) {
      return i;
    }
  }
  return kModalityCount;
}

}  // namespace

// One simdjson parser per thread, shared by every meter on that thread: a parser allocates its
// index buffers on first use, which once per response costs more than the parse itself. Parses
// are synchronous, so two meters never interleave inside one; its capacity is bounded by the
// largest capture (MeterOptions::max_capture_bytes).
struct ThreadParser {
  ondemand::parser parser;
  std::string padded;  // the value being parsed plus SIMDJSON_PADDING readable bytes
};

ThreadParser& LocalParser() {
  static thread_local ThreadParser local;
  return local;
}

struct UsageParser::State {
  std::array<int64_t, kSlotCount> values{};
  std::bitset<kSlotCount> present;
  size_t largest_parse = 0;

  simdjson::simdjson_result<ondemand::document> Iterate(std::string_view raw) {
    ThreadParser& local = LocalParser();
    largest_parse = std::max(largest_parse, raw.size());
    local.padded.assign(raw);
    local.padded.append(simdjson::SIMDJSON_PADDING, '\0');
    return local.parser.iterate(
        simdjson::padded_string_view(local.padded.data(), raw.size(), local.padded.size()));
  }

  void Add(size_t slot, int64_t count) noexcept {
    values[slot] = present[slot] ? values[slot] + count : count;
    present.set(slot);
  }

  // One `*TokensDetails` list: [{"modality": "TEXT", "tokenCount": 14}, ...]. A later list of
  // the same kind replaces an earlier one; entries of one modality add up.
  bool ReadDetails(ondemand::value& value, size_t kind) noexcept {
    ondemand::array list;
    if (value.get_array().get(list) != simdjson::SUCCESS) {
      return false;
    }
    const size_t first = kFirstDetail + kind * kModalityCount;
    for (size_t i = 0; i < kModalityCount; ++i) {
      present.reset(first + i);
    }
    for (auto item : list) {
      ondemand::object entry;
      if (item.get_object().get(entry) != simdjson::SUCCESS) {
        return false;
      }
      size_t modality = kModalityCount;
      int64_t count = 0;  // proto3 JSON omits a zero tokenCount
      for (auto member : entry) {
        ondemand::field field;
        std::string_view key;
        if (std::move(member).get(field) != simdjson::SUCCESS ||
            field.unescaped_key().get(key) != simdjson::SUCCESS) {
          return false;
        }
        if (key == "modality") {
          std::string_view name;
          if (field.value().get_string().get(name) == simdjson::SUCCESS) {
            modality = ModalityIndex(name);
          }
        } else if (key == "tokenCount" && !ReadCount(field.value(), count)) {
          return false;
        }
      }
      if (modality < kModalityCount) {  // an unknown modality has no unit to go to
        Add(first + modality, count);
      }
    }
    return true;
  }

  UsageParse ReadObject(ondemand::object& object, UsageReport& report) noexcept {
    for (auto member : object) {
      ondemand::field field;
      std::string_view key;
      if (std::move(member).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return UsageParse::kMalformed;
      }
      if (const Field* count = FindField(kCountFields, key)) {
        int64_t n = 0;
        if (!ReadCount(field.value(), n)) {
          return UsageParse::kMalformed;
        }
        values[count->index] = n;
        present.set(count->index);
      } else if (const Field* details = FindField(kDetailsFields, key)) {
        if (!ReadDetails(field.value(), details->index)) {
          return UsageParse::kMalformed;
        }
      } else if (key == "serviceTier" || key == "trafficType") {
        std::string_view text;
        if (field.value().get_string().get(text) == simdjson::SUCCESS) {
          (key == "serviceTier" ? report.service_tier : report.traffic_type).assign(text);
        }
      }
    }
    for (size_t slot = 0; slot < kSlotCount; ++slot) {
      if (present[slot]) {
        report.units.Set(kSlotNames[slot], values[slot]);
      }
    }
    return report.units.empty() ? UsageParse::kNoCounts : UsageParse::kReport;
  }
};

UsageParser::UsageParser() : state_(std::make_unique<State>()) {}

UsageParser::~UsageParser() = default;

UsageParse UsageParser::Parse(std::string_view raw, UsageReport& report) noexcept {
  report.units.clear();
  report.service_tier.clear();
  report.traffic_type.clear();
  state_->present.reset();
  ondemand::document doc;
  ondemand::json_type type;
  if (state_->Iterate(raw).get(doc) != simdjson::SUCCESS ||
      doc.type().get(type) != simdjson::SUCCESS) {
    return UsageParse::kMalformed;
  }
  if (type == ondemand::json_type::null) {
    return UsageParse::kNoCounts;
  }
  ondemand::object object;
  if (type != ondemand::json_type::object || doc.get_object().get(object) != simdjson::SUCCESS) {
    return UsageParse::kMalformed;
  }
  return state_->ReadObject(object, report);
}

bool UsageParser::ParseString(std::string_view raw, std::string& out) noexcept {
  // Model names never need unescaping in practice; skip the parser when nothing is escaped.
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"' &&
      raw.find('\\') == std::string_view::npos) {
    out.assign(raw.substr(1, raw.size() - 2));
    return true;
  }
  ondemand::document doc;
  std::string_view text;
  if (state_->Iterate(raw).get(doc) != simdjson::SUCCESS ||
      doc.get_string().get(text) != simdjson::SUCCESS) {
    return false;
  }
  out.assign(text);
  return true;
}

size_t UsageParser::BufferHighWater() const noexcept {
  // What this meter's parses needed of the thread's parser: the padded copy, and about six bytes
  // of structural index and string space per byte parsed.
  const size_t n = state_->largest_parse;
  return n == 0 ? 0 : n + simdjson::SIMDJSON_PADDING + 6 * n;
}

}  // namespace costgate::filters::gemini
