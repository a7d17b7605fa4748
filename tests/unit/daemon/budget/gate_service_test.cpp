// preflight.mode resolved per process, the holder id, and the gates a service makes.
#include "daemon/budget/gate_service.h"

#include <gtest/gtest.h>

#include "daemon/budget/central_gate.h"
#include "daemon/budget/lease_gate.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::budget {
namespace {

config::Config ModeConfig(config::PreflightMode mode, std::string shipper_url) {
  config::Config config;
  config.preflight.mode = mode;
  config.shipper.url = std::move(shipper_url);
  return config;
}

TEST(GateMode, AutoIsLeaseWithACentralAndOffWithout) {
  using config::PreflightMode;
  EXPECT_EQ(ResolveGateMode(ModeConfig(PreflightMode::kAuto, ""), false).mode, GateMode::kOff);
  EXPECT_EQ(ResolveGateMode(ModeConfig(PreflightMode::kAuto, "https://c"), false).mode,
            GateMode::kLease);
  EXPECT_EQ(ResolveGateMode(ModeConfig(PreflightMode::kAuto, ""), true).mode, GateMode::kLease);
  EXPECT_EQ(ResolveGateMode(ModeConfig(PreflightMode::kOff, "https://c"), true).mode,
            GateMode::kOff);
  EXPECT_EQ(ResolveGateMode(ModeConfig(PreflightMode::kCentral, ""), true).mode,
            GateMode::kCentral);
}

TEST(GateMode, LeaseOrCentralWithoutACentralIsAnErrorNamingTheKey) {
  using config::PreflightMode;
  const ResolvedMode lease = ResolveGateMode(ModeConfig(PreflightMode::kLease, ""), false);
  EXPECT_EQ(lease.mode, GateMode::kOff);
  EXPECT_EQ(lease.error.rfind("preflight.mode: lease needs a central", 0), 0u) << lease.error;
  const ResolvedMode central = ResolveGateMode(ModeConfig(PreflightMode::kCentral, ""), false);
  EXPECT_EQ(central.error.rfind("preflight.mode: central needs a central", 0), 0u) << central.error;
}

TEST(GateMode, TheHolderIdIsConfiguredOrRandomPerStart) {
  config::PreflightConfig preflight;
  const std::string a = MakeHolderId(preflight);
  const std::string b = MakeHolderId(preflight);
  EXPECT_EQ(a.size(), 19u);
  EXPECT_EQ(a.rfind("px_", 0), 0u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef", 3), std::string::npos);
  EXPECT_NE(a, b);
  preflight.holder_id = "px_edge_1";
  EXPECT_EQ(MakeHolderId(preflight), "px_edge_1");
}

TEST(GateMode, EachGenerationGetsTheGateOfTheProcessMode) {
  outbox::testing::LogPipe log;
  const log::Logger logger(log.write_fd());
  config::Config config = ModeConfig(config::PreflightMode::kLease, "http://127.0.0.1:9");
  config.preflight.holder_id = "px_fixed";
  GateService leases(GateMode::kLease, config, {}, logger);
  EXPECT_EQ(leases.holder(), "px_fixed");
  EXPECT_NE(dynamic_cast<LeaseGate*>(leases.MakeGate(config.preflight).get()), nullptr);
  GateService central(GateMode::kCentral, config, {}, logger);
  EXPECT_NE(dynamic_cast<CentralGate*>(central.MakeGate(config.preflight).get()), nullptr);
}

}  // namespace
}  // namespace costgate::daemon::budget
