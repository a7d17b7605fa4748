// `costgate central generate-events --events N --days D`: synthetic usage events for demos and
// benchmarks (central/synthetic/synthetic_events.h), priced with central's book and stored
// through the ingest path every event takes (central/api/handlers.h InsertCounted: budgets
// counted, alerts checked, duplicates never counted twice). Works on the store central.store
// names, also while central runs (WAL, busy timeout).
#pragma once

#include <cstdio>
#include <string_view>
#include <vector>

namespace costgate::daemon::cli {

// Runs `costgate central generate-events ARGS...` (ARGS after "generate-events") and returns
// the exit code: 0 done, 2 usage, configuration or database error.
int GenerateEventsCommand(const std::vector<std::string_view>& args);

void PrintGenerateEventsCommand(std::FILE* out);

}  // namespace costgate::daemon::cli
