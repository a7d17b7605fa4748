#include "pricing/litellm_catalogue.h"

#include <simdjson.h>

namespace costgate::pricing {
namespace ondemand = simdjson::ondemand;
namespace {

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Reads one entry's fields into `row`; errors name "<key>.<field>".
void ReadEntry(ondemand::object entry, PriceRow& row, std::vector<std::string>& errors) {
  for (auto field : entry) {
    std::string_view name;
    if (field.unescaped_key().get(name) != simdjson::SUCCESS) {
      errors.push_back(row.key + ": unreadable field name");
      return;
    }
    ondemand::value value = field.value();
    if (name == "litellm_provider" || name == "mode" || name == "source") {
      std::string_view text;
      if (value.get_string().get(text) == simdjson::SUCCESS) {
        (name == "litellm_provider" ? row.provider
         : name == "mode"           ? row.mode
                                    : row.source) = std::string(text);
      }
      continue;
    }
    auto rate = ParseRateField(name);
    if (!rate) {
      continue;
    }
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::number) {
      // LiteLLM has a few rate-named fields that are objects (search tiers); not a price here.
      continue;
    }
    auto price = ParseUsd(TrimRight(value.raw_json_token()));
    if (!price) {
      errors.push_back(row.key + "." + std::string(name) + ": not a non-negative USD amount");
      continue;
    }
    row.SetRate(rate->kind, rate->tier, rate->band, *price);
    if (rate->band == Band::kAbove) {
      if (row.long_context_threshold != 0 && row.long_context_threshold != rate->threshold_tokens) {
        errors.push_back(row.key + "." + std::string(name) +
                         ": a second long-context threshold in one entry");
      }
      row.long_context_threshold = rate->threshold_tokens;
    }
  }
}

bool ProxiedProvider(std::string_view litellm_provider) {
  return litellm_provider.empty() || litellm_provider.starts_with("gemini") ||
         litellm_provider.starts_with("vertex_ai") || litellm_provider == "elevenlabs";
}

}  // namespace

CatalogueLoad LoadLiteLlmCatalogue(std::string_view json, int64_t effective_from_ms) {
  CatalogueLoad out;
  ondemand::parser parser;
  simdjson::padded_string padded(json);
  ondemand::document doc;
  ondemand::object root;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(root) != simdjson::SUCCESS) {
    out.errors.emplace_back("not a JSON object of model entries");
    return out;
  }
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
      out.errors.emplace_back("unreadable model key");
      break;
    }
    ondemand::object entry;
    if (field.value().get_object().get(entry) != simdjson::SUCCESS) {
      continue;  // a top-level non-object ("last_updated" in some mirrors) is not an entry
    }
    ++out.entries;
    PriceRow row;
    row.key = std::string(key);
    row.layer = Layer::kLiteLlm;
    row.effective_from_ms = effective_from_ms;
    ReadEntry(entry, row, out.errors);
    if (!ProxiedProvider(row.provider)) {
      ++out.other_provider_entries;
      continue;
    }
    if (key == "sample_spec" || !row.HasAnyRate()) {
      ++out.unpriced_entries;
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty() && out.errors.empty()) {
    out.errors.emplace_back("no priced entries");
  }
  return out;
}

}  // namespace costgate::pricing
