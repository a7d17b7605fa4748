// The budget gates' process-lifetime parts, and preflight.mode resolved once per process.
//
// preflight.mode and preflight.holder_id take effect at start only (a reload that changes them
// is warned about and keeps the running ones): leases belong to this process's holder id and
// live across configuration generations, as do their holds. preflight.fail_closed and
// preflight.timeout are per generation: each generation's Runtime gets its own gate from
// MakeGate, over the same book, client and timer, so a reload changes them for the calls that
// start after it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "daemon/budget/budget_stats.h"
#include "daemon/budget/deadline_timer.h"
#include "daemon/budget/lease_book.h"
#include "daemon/budget/lease_client.h"
#include "daemon/budget/preflight_transport.h"
#include "daemon/log/logger.h"
#include "daemon/shipper/batch_transport.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::budget {

enum class GateMode : uint8_t { kOff, kLease, kCentral };

std::string_view GateModeName(GateMode mode);

struct ResolvedMode {
  GateMode mode = GateMode::kOff;
  std::string error;  // set (and mode kOff) when the configuration cannot be served
};

// preflight.mode for a process: `auto` is lease when a central is at hand (shipper.url set, or
// `costgate all`), else off; `lease` and `central` without one are an error naming
// preflight.mode.
ResolvedMode ResolveGateMode(const config::Config& config, bool central_in_process);

// preflight.holder_id when set, else "px_" + 16 random hex digits, new at every call.
std::string MakeHolderId(const config::PreflightConfig& preflight);

class GateService {
 public:
  // How the gates reach central. Null members: over HTTP at shipper.url.
  struct Transports {
    std::unique_ptr<shipper::BatchTransport> leases;
    std::unique_ptr<PreflightTransport> preflight;
  };

  // `mode` is kLease or kCentral. `logger` outlives the service.
  GateService(GateMode mode, const config::Config& config, Transports transports,
              const log::Logger& logger);
  ~GateService();  // Stop
  GateService(const GateService&) = delete;
  GateService& operator=(const GateService&) = delete;

  // Lease mode: the first sync starts now, before any call can arrive.
  void Start();
  // After the last call settled: lease mode returns what it did not use. Idempotent.
  void Stop();

  // The gate for one configuration generation.
  std::unique_ptr<filters::preflight::BudgetGate> MakeGate(
      const config::PreflightConfig& preflight);

  GateMode mode() const { return mode_; }
  const std::string& holder() const { return holder_; }
  BudgetStats& stats() { return stats_; }
  const LeaseBook& book() const { return book_; }

 private:
  GateMode mode_;
  std::string holder_;
  BudgetStats stats_;
  LeaseBook book_;
  DeadlineTimer timer_;
  std::unique_ptr<LeaseClient> leases_;            // lease mode
  std::unique_ptr<PreflightTransport> preflight_;  // central mode
};

}  // namespace costgate::daemon::budget
