#include "pricing/yaml_catalogue.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "config/yaml_document.h"
#include "config/yaml_kind.h"
#include "config/yaml_walk.h"
#include "pricing/timestamp.h"

namespace costgate::pricing {
namespace {

using config::KindOf;

constexpr std::array<std::string_view, 2> kTopKeys = {"version", "prices"};
constexpr std::array<std::string_view, 7> kRowKeys = {
    "key", "provider", "mode", "effective_from", "source", "rates", "credits_per_character"};
constexpr int64_t kPicoPerMilli = 1'000'000'000;  // ParseUsd units in one thousandth

std::string KnownKeys(std::span<const std::string_view> keys) {
  std::string list;
  for (std::string_view key : keys) {
    list += list.empty() ? "" : ", ";
    list += key;
  }
  return list;
}

// A digit 1-9 in the mantissa: the amount is not zero even if it rounds to zero pico.
bool HasNonZeroDigit(std::string_view text) {
  for (char c : text) {
    if (c == 'e' || c == 'E') {
      break;
    }
    if (c >= '1' && c <= '9') {
      return true;
    }
  }
  return false;
}

// The row's plain text fields by YAML key; nullptr for other keys.
std::string* TextField(PriceRow& row, std::string_view key) {
  if (key == "key") {
    return &row.key;
  }
  if (key == "provider") {
    return &row.provider;
  }
  if (key == "mode") {
    return &row.mode;
  }
  return key == "source" ? &row.source : nullptr;
}

class Reader {
 public:
  Reader(Layer layer, std::string_view origin, YamlCatalogueLoad& out)
      : layer_(layer), origin_(origin), out_(out) {}

  void Document(const YAML::Node& root) {
    if (!root.IsMap() && !root.IsNull()) {
      Error("", "expected a map with version and prices, got " + KindOf(root));
      return;
    }
    bool version = false, prices = false;
    ForEachEntry(root, "",
                 [&](const std::string& key, const YAML::Node& value, const std::string& path) {
                   if (key == "version") {
                     version = true;
                     if (auto text = Scalar(value, path); text && *text != "1") {
                       Error(path, "expected 1, got '" + *text + "'");
                     }
                   } else if (key == "prices") {
                     prices = true;
                     Prices(value, path);
                   } else {
                     Error(path, "unknown key; known keys: " + KnownKeys(kTopKeys));
                   }
                 });
    if (!version) {
      Error("version", "required field missing");
    }
    if (!prices) {
      Error("prices", "required field missing");
    }
  }

 private:
  void Error(const std::string& path, std::string_view problem) {
    out_.errors.push_back(std::string(origin_) + ": " + config::YamlProblem(path, problem));
  }

  template <typename Visit>
  void ForEachEntry(const YAML::Node& map, const std::string& path, Visit visit) {
    config::ForEachYamlEntry(
        map, path, [this](const std::string& at, std::string_view problem) { Error(at, problem); },
        visit);
  }

  std::optional<std::string> Scalar(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar()) {
      Error(path, "expected a single value, got " + KindOf(node));
      return std::nullopt;
    }
    if (node.Scalar().empty()) {
      Error(path, "expected a value, got an empty one");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<Money> Amount(const YAML::Node& node, const std::string& path) {
    auto text = Scalar(node, path);
    if (!text) {
      return std::nullopt;
    }
    auto amount = ParseUsd(*text);
    if (!amount) {
      Error(path, "expected a non-negative USD amount, got '" + *text + "'");
    } else if (amount->pico() == 0 && HasNonZeroDigit(*text)) {
      Error(path, "'" + *text + "' rounds to zero pico-USD; not a price we can hold");
      amount.reset();
    }
    return amount;
  }

  void Prices(const YAML::Node& node, const std::string& path) {
    if (!node.IsSequence()) {
      Error(path, "expected a list of price rows, got " + KindOf(node));
      return;
    }
    for (size_t i = 0; i < node.size(); ++i) {
      Row(node[i], path + "[" + std::to_string(i) + "]");
    }
  }

  struct RowState {
    PriceRow row;
    std::set<std::string, std::less<>> present;  // keys given
    size_t price_fields = 0;                     // rates and credits_per_character given
  };

  void Row(const YAML::Node& node, const std::string& path) {
    if (!node.IsMap()) {
      Error(path, "expected a map (one price row), got " + KindOf(node));
      return;
    }
    const size_t errors_before = out_.errors.size();
    RowState state;
    state.row.layer = layer_;
    ForEachEntry(node, path,
                 [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
                   RowField(key, value, key_path, state);
                 });
    for (std::string_view required : {"key", "provider", "mode", "source"}) {
      if (!state.present.contains(required)) {
        Error(path + "." + std::string(required), "required field missing");
      }
    }
    if (state.price_fields == 0) {
      Error(path, "a row needs rates or credits_per_character");
    }
    PriceRow& row = state.row;
    if (row.key.find_first_of(" \t\r\n") != std::string::npos) {
      Error(path + ".key", "'" + row.key + "' contains white space");
    }
    if (out_.errors.size() != errors_before) {
      return;
    }
    auto [it, inserted] = first_row_.try_emplace({row.key, row.effective_from_ms}, path);
    if (!inserted) {
      Error(path, "'" + row.key + "' repeats " + it->second + " (same key and effective_from)");
      return;
    }
    out_.rows.push_back(std::move(row));
  }

  void RowField(const std::string& key, const YAML::Node& value, const std::string& path,
                RowState& state) {
    state.present.insert(key);
    if (key == "rates") {
      Rates(value, path, state.row, state.price_fields);
    } else if (key == "credits_per_character") {
      ++state.price_fields;
      Credits(value, path, state.row);
    } else if (std::string* field = TextField(state.row, key)) {
      if (auto text = Scalar(value, path)) {
        *field = std::move(*text);
      }
    } else if (key == "effective_from") {
      auto text = Scalar(value, path);
      if (auto ms = text ? ParseTimestampMs(*text) : std::nullopt) {
        state.row.effective_from_ms = *ms;
      } else if (text) {
        Error(path, "expected YYYY-MM-DD or an RFC 3339 time (2024-01-01T00:00:00Z), got '" +
                        *text + "'");
      }
    } else {
      Error(path, "unknown key; known keys: " + KnownKeys(kRowKeys));
    }
  }

  void Rates(const YAML::Node& node, const std::string& path, PriceRow& row, size_t& seen) {
    if (!node.IsMap()) {
      ++seen;  // present but malformed: reported here, not as "needs rates"
      Error(path, "expected a map of rate field -> USD amount, got " + KindOf(node));
      return;
    }
    ForEachEntry(
        node, path,
        [&](const std::string& name, const YAML::Node& value, const std::string& rate_path) {
          ++seen;
          auto field = ParseRateField(name);
          if (!field) {
            Error(rate_path, "unknown rate field");
            return;
          }
          auto price = Amount(value, rate_path);
          if (!price) {
            return;
          }
          row.SetRate(field->kind, field->tier, field->band, *price);
          if (field->band != Band::kAbove) {
            return;
          }
          if (row.long_context_threshold != 0 &&
              row.long_context_threshold != field->threshold_tokens) {
            Error(rate_path, "a second long-context threshold in one row (" +
                                 std::to_string(row.long_context_threshold) + " tokens already)");
            return;
          }
          row.long_context_threshold = field->threshold_tokens;
        });
  }

  void Credits(const YAML::Node& node, const std::string& path, PriceRow& row) {
    auto text = Scalar(node, path);
    if (!text) {
      return;
    }
    // ParseUsd is our exact decimal reader; here its unit is credits, kept in thousandths.
    auto value = ParseUsd(*text);
    if (!value || value->pico() <= 0 || value->pico() % kPicoPerMilli != 0) {
      Error(path,
            "expected a positive number of credits with at most 3 decimals, got '" + *text + "'");
      return;
    }
    row.credits_per_character_milli = value->pico() / kPicoPerMilli;
  }

  Layer layer_;
  std::string_view origin_;
  YamlCatalogueLoad& out_;
  std::map<std::pair<std::string, int64_t>, std::string> first_row_;  // -> path of first row
};

}  // namespace

YamlCatalogueLoad LoadYamlCatalogue(std::string_view yaml_text, Layer layer,
                                    std::string_view origin) {
  YamlCatalogueLoad out;
  // The config's reader: yaml-cpp 0.7's own LoadAll spins forever on a text starting with ','.
  const config::YamlDocument document = config::ParseSingleYamlDocument(yaml_text);
  if (!document.error.empty()) {
    out.errors.push_back(std::string(origin) + ": " + document.error);
    return out;
  }
  Reader(layer, origin, out).Document(document.root);
  return out;
}

}  // namespace costgate::pricing
