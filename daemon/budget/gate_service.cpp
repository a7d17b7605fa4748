#include "daemon/budget/gate_service.h"

#include <random>

#include "daemon/budget/central_gate.h"
#include "daemon/budget/curl_multi_poster.h"
#include "daemon/budget/lease_gate.h"
#include "daemon/shipper/central_client.h"

namespace costgate::daemon::budget {

std::string_view GateModeName(GateMode mode) {
  switch (mode) {
    case GateMode::kOff:
      return "off";
    case GateMode::kLease:
      return "lease";
    case GateMode::kCentral:
      return "central";
  }
  return "off";
}

ResolvedMode ResolveGateMode(const config::Config& config, bool central_in_process) {
  const bool central = central_in_process || !config.shipper.url.empty();
  switch (config.preflight.mode) {
    case config::PreflightMode::kOff:
      return {GateMode::kOff, {}};
    case config::PreflightMode::kAuto:
      return {central ? GateMode::kLease : GateMode::kOff, {}};
    case config::PreflightMode::kLease:
    case config::PreflightMode::kCentral:
      if (!central) {
        return {
            GateMode::kOff,
            "preflight.mode: " +
                std::string(config.preflight.mode == config::PreflightMode::kLease ? "lease"
                                                                                   : "central") +
                " needs a central to ask: set shipper.url (or run `costgate all`), or use "
                "mode auto or off"};
      }
      return {config.preflight.mode == config::PreflightMode::kLease ? GateMode::kLease
                                                                     : GateMode::kCentral,
              {}};
  }
  return {GateMode::kOff, {}};
}

std::string MakeHolderId(const config::PreflightConfig& preflight) {
  if (!preflight.holder_id.empty()) {
    return preflight.holder_id;
  }
  std::random_device random;
  const uint64_t bits = (uint64_t{random()} << 32) | random();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "px_";
  for (int shift = 60; shift >= 0; shift -= 4) {
    id += kHex[(bits >> shift) & 0xf];
  }
  return id;
}

GateService::GateService(GateMode mode, const config::Config& config, Transports transports,
                         const log::Logger& logger)
    : mode_(mode), holder_(MakeHolderId(config.preflight)) {
  if (mode_ == GateMode::kLease) {
    std::unique_ptr<shipper::BatchTransport> transport =
        transports.leases != nullptr
            ? std::move(transports.leases)
            : std::make_unique<shipper::CentralClient>(config.shipper, "/v1/budget/leases");
    leases_ = std::make_unique<LeaseClient>(book_, std::move(transport),
                                            LeaseClient::Settings{holder_, config.shipper}, logger,
                                            stats_);
  } else if (mode_ == GateMode::kCentral) {
    preflight_ = transports.preflight != nullptr
                     ? std::move(transports.preflight)
                     : std::make_unique<CurlMultiPoster>(config.shipper, "/v1/preflight");
  }
}

GateService::~GateService() { Stop(); }

void GateService::Start() {
  if (leases_ != nullptr) {
    leases_->Start();
  }
}

void GateService::Stop() {
  if (leases_ != nullptr) {
    leases_->Stop();
  }
}

std::unique_ptr<filters::preflight::BudgetGate> GateService::MakeGate(
    const config::PreflightConfig& preflight) {
  if (mode_ == GateMode::kLease) {
    return std::make_unique<LeaseGate>(
        book_, *leases_, timer_, stats_,
        LeaseGate::Settings{holder_, preflight.fail_closed, preflight.timeout});
  }
  if (mode_ == GateMode::kCentral) {
    return std::make_unique<CentralGate>(
        *preflight_, timer_, stats_,
        CentralGate::Settings{preflight.fail_closed, preflight.timeout});
  }
  return nullptr;
}

}  // namespace costgate::daemon::budget
