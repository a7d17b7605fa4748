// `costgate prices ...`: the command line of the three subcommands, and what each run needs
// first (the configuration, the price book, the moment asked about).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "pricing/price_book.h"
#include "pricing/rate.h"

namespace costgate::daemon::cli {

struct PricesArgs {
  std::string subcommand;               // "show", "quote", "import"
  std::vector<std::string> positional;  // MODEL [unit=qty ...] | FILE
  std::string config_path;              // --config, else $COSTGATE_CONFIG, else none (defaults)
  std::string provider = "gemini";      // --provider
  std::string at_text;                  // --at as given; empty: now
  int64_t at_ms = 0;                    // --at parsed, or the clock when not given
  pricing::ServiceTier tier = pricing::ServiceTier::kStandard;  // --tier
  bool json = false;                                            // --json
  bool dry_run = false;                                         // --dry-run
};

// The usage lines of the prices subcommands, and their options (`costgate --help` prints both).
void PrintPricesCommands(std::FILE* out);
void PrintPricesOptions(std::FILE* out);

// The unit names `prices quote` accepts: the static names of pricing/units.h.
std::span<const std::string_view> QuoteUnitNames();

// Parses `args` (after "prices"); on a usage error prints it to stderr and returns nullopt.
// `now_ms` is the default for --at.
std::optional<PricesArgs> ParsePricesArgs(const std::vector<std::string_view>& args,
                                          int64_t now_ms);

// The validated configuration the subcommand runs with (file + COSTGATE_* variables, as for
// `costgate proxy`); nullopt after printing the errors to stderr.
std::optional<config::Config> LoadCliConfig(const PricesArgs& args);

// The price book from the configured sources; null after printing the errors to stderr. Notes
// (ignored files in the history dir) go to stderr too.
std::shared_ptr<const pricing::PriceBook> LoadCliBook(const config::PricingConfig& pricing);

// LoadCliConfig, then LoadCliBook of its pricing section: the book `show` and `quote` price with.
std::shared_ptr<const pricing::PriceBook> LoadConfiguredBook(const PricesArgs& args);

}  // namespace costgate::daemon::cli
