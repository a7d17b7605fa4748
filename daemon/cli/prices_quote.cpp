// `costgate prices quote MODEL UNIT=QTY...`: what the meter's pricing would charge for that
// usage, every line with the rate it used, and the total exact and as rounded for display.
#include <charconv>
#include <cstdio>

#include "daemon/cli/price_text.h"
#include "daemon/cli/prices.h"
#include "pricing/catalogue_diff.h"
#include "pricing/cost.h"
#include "pricing/units.h"

namespace costgate::daemon::cli {
namespace {

std::string KnownUnits() {
  std::string list;
  for (std::string_view unit : QuoteUnitNames()) {
    list += (list.empty() ? "" : ", ") + std::string(unit);
  }
  return list;
}

// Digits, with '_' allowed between them for readability (1_000_000).
std::optional<int64_t> ParseQuantity(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c != '_') {
      digits += c;
    }
  }
  int64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || text.front() == '_' || text.back() == '_' || ec != std::errc() ||
      end != digits.data() + digits.size() || value < 0 || digits.front() == '-') {
    return std::nullopt;
  }
  return value;
}

// UNIT=QTY arguments -> Units, whose names must be the static strings of units.h.
std::optional<pricing::Units> ParseUnits(const std::vector<std::string>& args) {
  pricing::Units units;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const size_t eq = arg.find('=');
    const std::string_view name = std::string_view(arg).substr(0, eq);
    const std::string_view* unit = nullptr;
    for (const std::string_view& known : QuoteUnitNames()) {
      if (known == name) {
        unit = &known;
      }
    }
    if (eq == std::string::npos || unit == nullptr) {
      std::fprintf(stderr,
                   "costgate prices quote: '%s' is not UNIT=QTY with a known unit; units: %s\n",
                   arg.c_str(), KnownUnits().c_str());
      return std::nullopt;
    }
    const std::optional<int64_t> quantity = ParseQuantity(std::string_view(arg).substr(eq + 1));
    if (!quantity) {
      std::fprintf(stderr,
                   "costgate prices quote: '%s': the quantity must be a whole number >= 0\n",
                   arg.c_str());
      return std::nullopt;
    }
    if (units.Get(*unit)) {
      std::fprintf(stderr, "costgate prices quote: %s given twice\n", arg.c_str());
      return std::nullopt;
    }
    units.Set(*unit, *quantity);
  }
  return units;
}

std::string LineRate(const pricing::CostLine& line) {
  const auto slot = static_cast<uint16_t>(pricing::RateSlot(line.rate, line.tier, line.band));
  return pricing::RateFieldName(slot, line.row != nullptr ? line.row->long_context_threshold : 0);
}

void PrintQuoteText(const PricesArgs& args, const pricing::PriceBook& book,
                    const pricing::Quote& quote) {
  std::printf("model      %s (provider %s, tier %s) at %s\n", args.positional[0].c_str(),
              args.provider.c_str(), std::string(pricing::ServiceTierName(args.tier)).c_str(),
              FormatMoment(args.at_ms).c_str());
  std::printf("price key  %s\n", quote.price_key.empty() ? "(none)" : quote.price_key.c_str());
  std::printf("book       %s\n", book.version().c_str());
  if (quote.plan_row != nullptr) {
    std::printf("plan       %s\n", quote.plan_row->key.c_str());
  }
  if (quote.tier_fallback) {
    std::printf("note       no %s rate for this model: standard rates used\n",
                std::string(pricing::ServiceTierName(args.tier)).c_str());
  }
  std::printf("  %-24s %12s  %-40s %14s %18s\n", "unit", "quantity", "rate", "USD per unit",
              "amount USD");
  for (size_t i = 0; i < quote.line_count; ++i) {
    const pricing::CostLine& line = quote.lines[i];
    std::string quantity = std::to_string(line.quantity);
    if (line.divisor != 1) {
      // Two appends, not "/" + to_string(): GCC 12 at -O3 warns falsely (stringop-overflow) on
      // operator+(const char*, string&&).
      quantity += '/';
      quantity += std::to_string(line.divisor);
    }
    std::printf("  %-24s %12s  %-40s %14s %18s\n", std::string(line.unit).c_str(), quantity.c_str(),
                LineRate(line).c_str(), TrimmedUsd(line.per_unit).c_str(),
                pricing::FormatUsd(line.amount, 12).c_str());
  }
  std::printf("total      $%s (cents, half to even)\n", pricing::FormatUsd(quote.total, 2).c_str());
  std::printf("           $%s (micro-USD, as the /v1 API shows it, half to even)\n",
              pricing::FormatUsd(quote.total, 6).c_str());
  std::printf("           $%s (exact)\n", pricing::FormatUsd(quote.total, 12).c_str());
}

void PrintQuoteJson(const PricesArgs& args, const pricing::PriceBook& book,
                    const pricing::Quote& quote) {
  JsonOut json;
  json.Begin('{')
      .Field("model", args.positional[0])
      .Field("provider", args.provider)
      .Field("tier", pricing::ServiceTierName(args.tier))
      .Field("at", FormatMoment(args.at_ms))
      .Field("book_version", book.version())
      .Field("price_key", quote.price_key)
      .Field("priced", quote.priced());
  if (!quote.priced()) {
    json.Field("reason", pricing::UnpricedReason(quote.unpriced))
        .Field("missing_unit", quote.missing_unit)
        .End('}');
    std::printf("%s\n", json.text().c_str());
    return;
  }
  json.Field("tier_fallback", quote.tier_fallback).Key("lines").Begin('[');
  for (size_t i = 0; i < quote.line_count; ++i) {
    const pricing::CostLine& line = quote.lines[i];
    json.Begin('{')
        .Field("unit", line.unit)
        .Field("quantity", line.quantity)
        .Field("divisor", line.divisor)
        .Field("rate", LineRate(line))
        .Field("usd_per_unit", TrimmedUsd(line.per_unit))
        .Field("amount_usd", pricing::FormatUsd(line.amount, 12))
        .End('}');
  }
  json.End(']')
      .Field("total_usd", pricing::FormatUsd(quote.total, 12))
      .Field("total_micro_usd", pricing::RoundToMicroUsd(quote.total))
      .Field("total_cents_usd", pricing::FormatUsd(quote.total, 2))
      .End('}');
  std::printf("%s\n", json.text().c_str());
}

void PrintUnpriced(const PricesArgs& args, const pricing::PriceBook& book,
                   const pricing::Quote& quote) {
  std::printf("not priced: %s", std::string(pricing::UnpricedReason(quote.unpriced)).c_str());
  if (!quote.missing_unit.empty()) {
    std::printf(" (unit %s)", std::string(quote.missing_unit).c_str());
  }
  std::printf("; model %s (provider %s) at %s, book %s\n", args.positional[0].c_str(),
              args.provider.c_str(), FormatMoment(args.at_ms).c_str(), book.version().c_str());
  if (quote.unpriced == pricing::Unpriced::kUnknownModel) {
    std::printf("price keys tried, in order:\n");
    const pricing::PriceSubject subject{args.provider, "", args.positional[0]};
    for (const std::string& key : pricing::PriceKeyCandidates(subject)) {
      std::printf("  %s\n", key.c_str());
    }
  } else if (!quote.price_key.empty()) {
    std::printf("price key %s has no rate for it (costgate prices show %s)\n",
                quote.price_key.c_str(), args.positional[0].c_str());
  }
}

}  // namespace

int PricesQuote(const PricesArgs& args) {
  const std::optional<pricing::Units> units = ParseUnits(args.positional);
  if (!units) {
    return 2;
  }
  const auto book = LoadConfiguredBook(args);
  if (!book) {
    return 2;
  }
  const pricing::PriceSubject subject{args.provider, "", args.positional[0]};
  const pricing::Quote quote = pricing::PriceUsage(*book, subject, *units, args.tier, args.at_ms);
  if (args.json) {
    PrintQuoteJson(args, *book, quote);
  } else if (quote.priced()) {
    PrintQuoteText(args, *book, quote);
  } else {
    PrintUnpriced(args, *book, quote);
  }
  return quote.priced() ? 0 : 1;
}

}  // namespace costgate::daemon::cli
