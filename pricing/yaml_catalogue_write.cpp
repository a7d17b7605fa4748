#include "pricing/yaml_catalogue_write.h"

#include <cstdio>

#include "base/json_text.h"
#include "pricing/catalogue_diff.h"

namespace costgate::pricing {
namespace {

// A JSON string is a YAML double-quoted scalar: quoting every text value keeps a key such as
// "no" or "1e3" a string.
void AppendQuoted(std::string& out, std::string_view text) { base::AppendJsonString(out, text); }

// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

}  // namespace

std::string UtcMillisText(int64_t unix_ms) {
  int64_t days = unix_ms / 86'400'000;
  int64_t rest = unix_ms % 86'400'000;
  if (rest < 0) {
    rest += 86'400'000;
    --days;
  }
  int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  CivilFromDays(days, y, m, d);
  char text[40];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rest / 3'600'000),
                static_cast<long long>(rest / 60'000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return text;
}

std::string WriteYamlCatalogue(std::span<const PriceRow> rows) {
  std::string out = "# Written by costgate central (POST/DELETE /admin/v1/prices/overrides).\n";
  out += "version: 1\nprices:\n";
  if (rows.empty()) {
    out.resize(out.size() - 1);
    out += " []\n";
    return out;
  }
  for (const PriceRow& row : rows) {
    out += "  - key: ";
    AppendQuoted(out, row.key);
    out += "\n    provider: ";
    AppendQuoted(out, row.provider);
    out += "\n    mode: ";
    AppendQuoted(out, row.mode);
    if (row.effective_from_ms != kSinceAlways) {
      out += "\n    effective_from: \"" + UtcMillisText(row.effective_from_ms) + "\"";
    }
    out += "\n    source: ";
    AppendQuoted(out, row.source);
    if (row.credits_per_character_milli != 0) {
      out += "\n    credits_per_character: \"" +
             std::to_string(row.credits_per_character_milli / 1000) + "." +
             std::to_string(1000 + row.credits_per_character_milli % 1000).substr(1) + "\"";
    }
    if (row.HasAnyRate()) {
      out += "\n    rates:";
      for (const auto& [slot, amount] : row.rates()) {
        out += "\n      " + RateFieldName(slot, row.long_context_threshold) + ": \"" +
               FormatUsd(amount, 12) + "\"";
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace costgate::pricing
