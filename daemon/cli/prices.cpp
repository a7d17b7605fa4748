#include "daemon/cli/prices.h"

#include <cstdio>

#include "base/clock.h"

namespace costgate::daemon::cli {

int PricesCommand(const std::vector<std::string_view>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::printf("Usage:\n");
    PrintPricesCommands(stdout);
    std::printf("\n");
    PrintPricesOptions(stdout);
    return 0;
  }
  const std::optional<PricesArgs> parsed = ParsePricesArgs(args, base::NowUnixMs());
  if (!parsed) {
    return 2;
  }
  if (parsed->subcommand == "show") {
    return PricesShow(*parsed);
  }
  if (parsed->subcommand == "quote") {
    return PricesQuote(*parsed);
  }
  return PricesImport(*parsed);
}

}  // namespace costgate::daemon::cli
