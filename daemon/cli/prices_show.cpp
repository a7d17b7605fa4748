// `costgate prices show MODEL`: which price key a model resolves to at a moment, that row's
// rates, and the key's history; for a model with no price, the keys that were tried.
#include <cstdio>

#include "daemon/cli/price_text.h"
#include "daemon/cli/prices.h"
#include "pricing/catalogue_diff.h"
#include "pricing/price_key.h"

namespace costgate::daemon::cli {
namespace {

using pricing::PriceRow;

// 500 -> "0.5", 1000 -> "1": credits per character, stored in thousandths.
std::string Milli(int64_t milli) {
  std::string text = std::to_string(milli / 1000);
  if (const int64_t fraction = milli % 1000; fraction != 0) {
    std::string digits = std::to_string(1000 + fraction).substr(1);
    while (digits.back() == '0') {
      digits.pop_back();
    }
    text += "." + digits;
  }
  return text;
}

void PrintRow(const PriceRow& row) {
  std::printf("layer      %s, in force %s\n", std::string(pricing::LayerName(row.layer)).c_str(),
              FormatFrom(row.effective_from_ms).c_str());
  std::printf("provider   %s, mode %s\n", row.provider.c_str(), row.mode.c_str());
  std::printf("source     %s\n", row.source.empty() ? "(none given)" : row.source.c_str());
  if (row.long_context_threshold > 0) {
    std::printf(
        "long context: the _above_ rates apply to every token of a request whose prompt "
        "exceeds %lld tokens\n",
        static_cast<long long>(row.long_context_threshold));
  }
  if (row.credits_per_character_milli > 0) {
    std::printf("credits    %s per character\n", Milli(row.credits_per_character_milli).c_str());
  }
  std::printf("rates (USD):\n");
  for (const auto& [slot, price] : row.rates()) {
    const pricing::RateKind kind = pricing::DecodeSlot(slot).kind;
    const std::string unit(RateUnit(kind));
    const std::string per_million = PerMillionUsd(kind, price);
    std::printf("  %-50s %s per %s",
                pricing::RateFieldName(slot, row.long_context_threshold).c_str(),
                TrimmedUsd(price).c_str(), unit.c_str());
    if (!per_million.empty()) {
      std::printf(" (%s per 1M %ss)", per_million.c_str(), unit.c_str());
    }
    std::printf("\n");
  }
}

void PrintBookText(const PricesArgs& args, const pricing::PriceBook& book,
                   const pricing::ResolvedKey& resolved) {
  std::printf("model      %s (provider %s) at %s\n", args.positional[0].c_str(),
              args.provider.c_str(), FormatMoment(args.at_ms).c_str());
  std::printf("price key  %s\n", resolved.key.c_str());
  std::printf("book       %s\n", book.version().c_str());
  PrintRow(*resolved.row);
  std::printf("history of %s:\n", resolved.key.c_str());
  for (const pricing::PriceBook::Span& span : book.Timeline(resolved.key)) {
    std::printf("  %-30s %-9s %s%s\n", FormatFrom(span.from_ms).c_str(),
                std::string(pricing::LayerName(span.row->layer)).c_str(), span.row->source.c_str(),
                span.row == resolved.row ? "  <- in force" : "");
  }
}

// null for a row in force since always.
JsonOut& FromValue(JsonOut& json, int64_t from_ms) {
  return from_ms == pricing::kSinceAlways ? json.Null() : json.Str(FormatMoment(from_ms));
}

void PrintBookJson(const PricesArgs& args, const pricing::PriceBook& book,
                   const pricing::ResolvedKey& resolved,
                   const std::vector<std::string>& candidates) {
  JsonOut json;
  json.Begin('{')
      .Field("model", args.positional[0])
      .Field("provider", args.provider)
      .Field("at", FormatMoment(args.at_ms))
      .Field("book_version", book.version());
  if (resolved.row == nullptr) {
    json.Key("price_key").Null().Key("candidates").Begin('[');
    for (const std::string& key : candidates) {
      json.Str(key);
    }
    json.End(']').End('}');
    std::printf("%s\n", json.text().c_str());
    return;
  }
  const PriceRow& row = *resolved.row;
  json.Field("price_key", resolved.key)
      .Field("layer", pricing::LayerName(row.layer))
      .Key("effective_from");
  FromValue(json, row.effective_from_ms)
      .Field("source_provider", row.provider)
      .Field("mode", row.mode)
      .Field("source", row.source)
      .Field("long_context_threshold", row.long_context_threshold)
      .Field("credits_per_character_milli", row.credits_per_character_milli)
      .Key("rates")
      .Begin('{');
  for (const auto& [slot, price] : row.rates()) {
    json.Field(pricing::RateFieldName(slot, row.long_context_threshold), TrimmedUsd(price));
  }
  json.End('}').Key("history").Begin('[');
  for (const pricing::PriceBook::Span& span : book.Timeline(resolved.key)) {
    json.Begin('{').Key("from");
    FromValue(json, span.from_ms)
        .Field("layer", pricing::LayerName(span.row->layer))
        .Field("source", span.row->source)
        .Field("in_force", span.row == resolved.row)
        .End('}');
  }
  json.End(']').End('}');
  std::printf("%s\n", json.text().c_str());
}

}  // namespace

int PricesShow(const PricesArgs& args) {
  const auto book = LoadConfiguredBook(args);
  if (!book) {
    return 2;
  }
  const pricing::PriceSubject subject{args.provider, "", args.positional[0]};
  const pricing::ResolvedKey resolved = pricing::ResolvePriceKey(*book, subject, args.at_ms);
  const std::vector<std::string> candidates =
      resolved.row == nullptr ? pricing::PriceKeyCandidates(subject) : std::vector<std::string>{};
  if (args.json) {
    PrintBookJson(args, *book, resolved, candidates);
  } else if (resolved.row != nullptr) {
    PrintBookText(args, *book, resolved);
  } else {
    std::printf("no price for '%s' (provider %s) at %s in book %s; price keys tried, in order:\n",
                args.positional[0].c_str(), args.provider.c_str(), FormatMoment(args.at_ms).c_str(),
                book->version().c_str());
    for (const std::string& key : candidates) {
      std::printf("  %s\n", key.c_str());
    }
  }
  return resolved.row == nullptr ? 1 : 0;
}

}  // namespace costgate::daemon::cli
