// The official provider SDKs (tests/sdk, installed by `npm ci --prefix tests/sdk`) run by Node
// against a costgate daemon that forwards every provider to the mock upstream.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/costgate_process_helpers.h"
#include "tests/integration/receipts_helpers.h"

namespace costgate::integration {

// Why the SDK tests cannot run here ("" when they can): no `node` on PATH, or no
// tests/sdk/node_modules.
std::string SdkSkipReason();

struct SdkRun {
  std::optional<int> wait_status;  // as from waitpid; nullopt: killed after the time limit
  std::vector<std::string> lines;  // stdout, one JSON report per call
  std::string stderr_text;
};

// Runs `node tests/sdk/<script> <call>` with the SDKs' base URLs (COSTGATE_PROXY_URL,
// GOOGLE_GEMINI_BASE_URL, GOOGLE_VERTEX_BASE_URL, OPENAI_BASE_URL) set to `daemon`, and Google's
// metadata-server detection switched off (a stray lookup would go to a closed loopback port,
// never to the cloud). Bounded by a time limit; output files go to `work_dir`.
SdkRun RunSdkScript(const CostgateProcess& daemon, std::string_view script, std::string_view call,
                    const std::filesystem::path& work_dir);

// The closed receipts of `db` in the order their calls started, polling until there are
// `count` of them or `timeout` passes.
std::vector<ReceiptRow> WaitForReceiptsInOrder(const ReceiptsDb& db, size_t count,
                                               std::chrono::milliseconds timeout);

}  // namespace costgate::integration
