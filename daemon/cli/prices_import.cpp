// `costgate prices import FILE`: a newer LiteLLM catalogue, validated, compared with the one in
// force, and saved to the price history so that it prices usage from now on.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/cli/price_text.h"
#include "daemon/cli/prices.h"
#include "pricing/book_loader.h"
#include "pricing/catalogue_diff.h"
#include "pricing/feed_in_force.h"
#include "pricing/litellm_catalogue.h"
#include "pricing/price_history.h"

namespace costgate::daemon::cli {
namespace {

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "costgate prices import: cannot read %s: %s\n", path.c_str(),
                 std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void PrintRepriced(const pricing::RepricedKey& entry) {
  std::printf("  ~ %s\n", entry.key.c_str());
  for (const pricing::RateChange& change : entry.rates) {
    // A band's name uses the threshold it has on the side where the rate exists.
    const int64_t threshold = change.after ? entry.threshold_after : entry.threshold_before;
    std::printf("      %s: %s -> %s\n", pricing::RateFieldName(change.slot, threshold).c_str(),
                change.before ? TrimmedUsd(*change.before).c_str() : "(none)",
                change.after ? TrimmedUsd(*change.after).c_str() : "(none)");
  }
  if (entry.threshold_before != entry.threshold_after) {
    std::printf("      long context threshold: %lld -> %lld tokens\n",
                static_cast<long long>(entry.threshold_before),
                static_cast<long long>(entry.threshold_after));
  }
  if (entry.credits_milli_before != entry.credits_milli_after) {
    std::printf("      credits per character (thousandths): %lld -> %lld\n",
                static_cast<long long>(entry.credits_milli_before),
                static_cast<long long>(entry.credits_milli_after));
  }
}

void PrintDiff(const pricing::CatalogueDiff& diff, const std::string& against) {
  std::printf("compared with %s:\n", against.c_str());
  std::printf("added: %zu\n", diff.added.size());
  for (const std::string& key : diff.added) {
    std::printf("  + %s\n", key.c_str());
  }
  std::printf("removed: %zu (a removed key keeps its last price)\n", diff.removed.size());
  for (const std::string& key : diff.removed) {
    std::printf("  - %s\n", key.c_str());
  }
  std::printf("repriced: %zu\n", diff.repriced.size());
  for (const pricing::RepricedKey& entry : diff.repriced) {
    PrintRepriced(entry);
  }
  std::printf("unchanged: %zu\n", diff.unchanged);
}

}  // namespace

int PricesImport(const PricesArgs& args) {
  const std::string& file = args.positional[0];
  const std::optional<config::Config> config = LoadCliConfig(args);
  if (!config) {
    return 2;
  }
  const std::optional<std::string> text = ReadFile(file);
  if (!text) {
    return 2;
  }
  // The moment the new prices take effect: the file name records it, and the book dates them.
  const int64_t now_ms = args.at_ms;
  const pricing::CatalogueLoad incoming = pricing::LoadLiteLlmCatalogue(*text, now_ms);
  if (!incoming.errors.empty()) {
    for (const std::string& error : incoming.errors) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), error.c_str());
    }
    std::fprintf(stderr, "%s: not a valid LiteLLM price catalogue (%zu error%s); nothing saved\n",
                 file.c_str(), incoming.errors.size(), incoming.errors.size() == 1 ? "" : "s");
    return 2;
  }
  std::printf("%s: valid LiteLLM price catalogue, %zu entries, %zu priced\n", file.c_str(),
              incoming.entries, incoming.rows.size());
  const auto current = LoadCliBook(config->pricing);
  if (!current) {
    return 2;
  }
  const pricing::FeedInForce feed = pricing::CurrentLiteLlmFeed(config->pricing.history_dir);
  if (!feed.error.empty()) {
    std::fprintf(stderr, "costgate prices import: %s\n", feed.error.c_str());
    return 2;
  }
  PrintDiff(pricing::DiffRows(feed.rows, incoming.rows), feed.name);
  if (args.dry_run) {
    std::printf("dry run: nothing saved; price book stays %s\n", current->version().c_str());
    return 0;
  }
  const pricing::SaveResult saved =
      pricing::SaveToPriceHistory(config->pricing.history_dir, *text, now_ms);
  if (!saved.error.empty()) {
    std::fprintf(stderr, "costgate prices import: %s; nothing saved\n", saved.error.c_str());
    return 2;
  }
  if (!saved.written) {
    std::printf("unchanged: %s has the same content; nothing saved; price book stays %s\n",
                saved.path.c_str(), current->version().c_str());
    return 0;
  }
  std::printf("saved %s, in force from %s\n", saved.path.c_str(), FormatMoment(now_ms).c_str());
  const auto updated = LoadCliBook(config->pricing);
  if (!updated) {
    return 2;
  }
  std::printf("price book %s -> %s\n", current->version().c_str(), updated->version().c_str());
  return 0;
}

}  // namespace costgate::daemon::cli
