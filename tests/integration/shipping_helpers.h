// A proxy that ships to a central, and the checks the delivery tests share: every receipt of the
// proxy is exactly one event at central, with the same units and labels.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {

inline constexpr auto kShipWait = std::chrono::seconds(20);  // bound on a backlog draining

// A proxy on the shared mock upstream whose shipper sends to `central_url` with `key`.
DaemonSettings ShippingProxySettings(const std::string& central_url, const std::string& key);

// Sends `n` metered calls (alternating a JSON and an SSE fixture) through `proxy`, each with
// x-costgate-user/job labels; returns their event ids.
std::vector<std::string> SendMeteredCalls(const CostgateProcess& proxy, int n,
                                          const std::string& tag);

// Asserts that central holds each of `event_ids` exactly once, with the units, status, labels,
// cost and pricing notes of the proxy's receipt, and nothing else.
void ExpectExactlyOnceAtCentral(const CentralUnderTest& central, const CostgateProcess& proxy,
                                const std::vector<std::string>& event_ids);

// The value of an unlabelled (or fully labelled, e.g. `name{result="sent"}`) series on the
// proxy's /metrics; -1 when absent.
double MetricValue(const CostgateProcess& proxy, const std::string& series);

// MetricValue once it is at least `minimum`, or its last value when `timeout` passes first. A
// request is counted as it completes, just after its last byte reached the client.
double WaitForMetricAtLeast(const CostgateProcess& proxy, const std::string& series, double minimum,
                            std::chrono::milliseconds timeout);

}  // namespace costgate::integration
