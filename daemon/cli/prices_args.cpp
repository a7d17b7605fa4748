#include "daemon/cli/prices_args.h"

#include <array>
#include <cstdlib>

#include "config/config_loader.h"
#include "config/env_overrides.h"
#include "daemon/cli/arg_cursor.h"
#include "pricing/book_loader.h"
#include "pricing/timestamp.h"
#include "pricing/units.h"

namespace costgate::daemon::cli {
namespace {

constexpr std::array<std::string_view, 16> kQuoteUnits = {
    pricing::kUnitInputTokens,
    pricing::kUnitCachedInputTokens,
    pricing::kUnitOutputTokens,
    pricing::kUnitThinkingTokens,
    pricing::kUnitToolUseInputTokens,
    pricing::kUnitInputAudioTokens,
    pricing::kUnitCachedInputAudioTokens,
    pricing::kUnitOutputImageTokens,
    pricing::kUnitOutputAudioTokens,
    pricing::kUnitTotalTokens,
    pricing::kUnitCharacters,
    pricing::kUnitCredits,
    pricing::kUnitAudioMs,
    pricing::kUnitImages,
    pricing::kUnitVideoSeconds,
    pricing::kUnitRequests,
};

void PricesUsageError(const std::string& message) {
  std::fprintf(stderr, "costgate prices: %s (see costgate prices --help)\n", message.c_str());
}

// Which options a subcommand takes: an option that does nothing there is a mistake to report.
bool PricesOptionAllowed(std::string_view subcommand, std::string_view option) {
  if (option == "--config") {
    return true;
  }
  if (option == "--dry-run") {
    return subcommand == "import";
  }
  if (option == "--tier") {
    return subcommand == "quote";
  }
  return subcommand == "show" || subcommand == "quote";  // --provider, --at, --json
}

bool CheckPricesPositional(const PricesArgs& args) {
  const size_t n = args.positional.size();
  if (args.subcommand == "quote") {
    if (n < 2) {
      PricesUsageError("quote needs a model and at least one UNIT=QTY");
      return false;
    }
    return true;
  }
  if (n != 1) {
    PricesUsageError(args.subcommand + " needs exactly one " +
                     (args.subcommand == "import" ? "FILE" : "MODEL"));
    return false;
  }
  return true;
}

}  // namespace

std::span<const std::string_view> QuoteUnitNames() { return kQuoteUnits; }

void PrintPricesCommands(std::FILE* out) {
  std::fprintf(out,
               "  costgate prices show MODEL       the price of a model: resolved price key, "
               "rates, history\n"
               "  costgate prices quote MODEL UNIT=QTY...\n"
               "                                   the cost of some usage, line by line\n"
               "  costgate prices import FILE      validate a LiteLLM price catalogue, report "
               "what it changes,\n"
               "                                   save it to pricing.history_dir (in force "
               "from now)\n");
}

void PrintPricesOptions(std::FILE* out) {
  std::fprintf(out,
               "Prices options:\n"
               "  --provider P     gemini (default), vertex, elevenlabs, google-tts (show, "
               "quote)\n"
               "  --at TIME        YYYY-MM-DD (UTC) or RFC 3339; default now (show, quote)\n"
               "  --tier T         standard (default), flex, priority, batch (quote)\n"
               "  --json           one JSON object instead of text (show, quote)\n"
               "  --dry-run        report what import would change, save nothing (import)\n"
               "  --config FILE    the configuration (pricing.*); default $COSTGATE_CONFIG\n"
               "  Exit: 0 ok; 1 no price (show, quote); 2 usage, configuration, price data or "
               "invalid FILE.\n"
               "  UNIT (quote):");
  size_t column = 15;
  for (std::string_view unit : kQuoteUnits) {
    if (column + unit.size() + 1 > 96) {
      std::fprintf(out, "\n    ");
      column = 4;
    }
    std::fprintf(out, " %.*s", static_cast<int>(unit.size()), unit.data());
    column += unit.size() + 1;
  }
  std::fprintf(out, "\n");
}

std::optional<PricesArgs> ParsePricesArgs(const std::vector<std::string_view>& args,
                                          int64_t now_ms) {
  if (args.empty()) {
    PricesUsageError("expected show, quote or import");
    return std::nullopt;
  }
  PricesArgs out;
  out.subcommand = std::string(args[0]);
  if (out.subcommand != "show" && out.subcommand != "quote" && out.subcommand != "import") {
    PricesUsageError("unknown subcommand '" + out.subcommand + "'");
    return std::nullopt;
  }
  std::string tier_text;
  for (ArgCursor arg(args, 1); arg.Next();) {
    if (arg.positional()) {
      out.positional.emplace_back(arg.text());
      continue;
    }
    const std::string& option = arg.option();
    const bool flag = option == "--json" || option == "--dry-run";
    const bool known = flag || option == "--config" || option == "--provider" || option == "--at" ||
                       option == "--tier";
    if (!known || !PricesOptionAllowed(out.subcommand, option)) {
      PricesUsageError("option " + option +
                       (known ? " does not apply to " + out.subcommand : " unknown"));
      return std::nullopt;
    }
    if (flag) {
      if (arg.inline_value()) {
        PricesUsageError(option + " takes no value");
        return std::nullopt;
      }
      (option == "--json" ? out.json : out.dry_run) = true;
      continue;
    }
    const std::optional<std::string> value = arg.TakeValue();
    if (!value) {
      PricesUsageError(option + " needs a value");
      return std::nullopt;
    }
    (option == "--config"     ? out.config_path
     : option == "--provider" ? out.provider
     : option == "--at"       ? out.at_text
                              : tier_text) = *value;
  }
  if (!CheckPricesPositional(out)) {
    return std::nullopt;
  }
  if (!tier_text.empty()) {
    auto tier = pricing::ParseServiceTier(tier_text);
    if (!tier) {
      PricesUsageError("--tier must be standard, flex, priority or batch, not '" + tier_text + "'");
      return std::nullopt;
    }
    out.tier = *tier;
  }
  out.at_ms = now_ms;
  if (!out.at_text.empty()) {
    auto at = pricing::ParseTimestampMs(out.at_text);
    if (!at) {
      PricesUsageError("--at must be YYYY-MM-DD or RFC 3339 (2026-05-01T12:00:00Z), not '" +
                       out.at_text + "'");
      return std::nullopt;
    }
    out.at_ms = *at;
  }
  if (out.provider.empty()) {
    PricesUsageError("--provider must not be empty");
    return std::nullopt;
  }
  if (out.config_path.empty()) {
    if (const char* env = std::getenv(std::string(config::kConfigFileEnv).c_str())) {
      out.config_path = env;
    }
  }
  return out;
}

std::optional<config::Config> LoadCliConfig(const PricesArgs& args) {
  const config::Environment env = config::CurrentEnvironment();
  config::LoadResult loaded = args.config_path.empty()
                                  ? config::LoadConfigFromString("", env)
                                  : config::LoadConfigFile(args.config_path, env);
  if (!loaded.config) {
    std::fprintf(stderr, "costgate prices: invalid configuration%s%s:\n%s",
                 args.config_path.empty() ? "" : " in ", args.config_path.c_str(),
                 config::FormatErrors(loaded.errors).c_str());
    return std::nullopt;
  }
  return std::move(loaded.config);
}

std::shared_ptr<const pricing::PriceBook> LoadCliBook(const config::PricingConfig& pricing) {
  pricing::BookLoad load = pricing::LoadPriceBook(pricing);
  for (const std::string& note : load.notes) {
    std::fprintf(stderr, "note: %s\n", note.c_str());
  }
  for (const std::string& error : load.errors) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
  }
  if (!load.book) {
    std::fprintf(stderr, "costgate prices: the price sources do not load (%zu error%s)\n",
                 load.errors.size(), load.errors.size() == 1 ? "" : "s");
  }
  return load.book;
}

std::shared_ptr<const pricing::PriceBook> LoadConfiguredBook(const PricesArgs& args) {
  const std::optional<config::Config> config = LoadCliConfig(args);
  return config ? LoadCliBook(config->pricing) : nullptr;
}

}  // namespace costgate::daemon::cli
