// `costgate prices show | quote | import`: the price book from the command line.
#pragma once

#include <string_view>
#include <vector>

#include "daemon/cli/prices_args.h"

namespace costgate::daemon::cli {

// Runs `costgate prices ARGS...` and returns the exit code (prices_args.cpp documents them).
int PricesCommand(const std::vector<std::string_view>& args);

// The subcommands, once their arguments are parsed.
int PricesShow(const PricesArgs& args);
int PricesQuote(const PricesArgs& args);
int PricesImport(const PricesArgs& args);

}  // namespace costgate::daemon::cli
