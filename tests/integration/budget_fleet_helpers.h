// Budgets end to end through real proxies and a real central (budget_fleet_test.cpp,
// budget_modes_test.cpp): a central with a short lease TTL and its keys, budgets made and changed
// over its admin API, proxies in lease or central mode shipping to it, and the calls they make
// (Gemini generateContent with the usage the mock should report, Cloud TTS and ElevenLabs).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {

inline constexpr std::string_view kFleetSourceApp = "fleet-app";
inline constexpr auto kFleetWait = std::chrono::seconds(20);  // bound on a sync or a backlog

// `costgate central` whose leases last `lease_ttl_ms` (a proxy syncs every third of it), with a
// `ship,preflight` key for the proxies (source_app kFleetSourceApp) and an `admin` key for the
// budgets.
class FleetCentral {
 public:
  explicit FleetCentral(int64_t lease_ttl_ms, uint16_t port = 0);

  CentralUnderTest& central() { return *central_; }
  const std::string& ship_key() const { return ship_key_; }
  std::string Url(std::string_view path = "") const { return central_->Url(path); }

  // The admin API (/admin/v1/...), with the admin key.
  HttpResponse Admin(const std::string& method, const std::string& path,
                     const std::string& body = "") const;
  // POST /admin/v1/budgets; returns the new budget's id ("" and a test failure when refused).
  std::string CreateBudget(const std::string& json) const;
  // PATCH /admin/v1/budgets/{id}; a test failure when refused.
  void ChangeBudget(const std::string& id, const std::string& json) const;
  // The budget's spend in its current period (spend.spent_pico_usd); -1 when unreadable.
  int64_t SpentPico(const std::string& id) const;

 private:
  std::unique_ptr<CentralUnderTest> central_;
  std::string ship_key_;
  std::string admin_key_;
};

struct FleetProxyOptions {
  std::string mode = "lease";  // preflight.mode
  bool fail_closed = false;    // preflight.fail_closed
  // preflight.timeout_ms: generous, so that a sync slowed by a loaded machine is not taken for
  // an unreachable central (a call that times out follows the fail rule, outside the bound).
  int64_t timeout_ms = 5000;
  std::string holder_id;  // preflight.holder_id; empty: a random one
};

// A proxy on the shared mock upstream, labelled source_app kFleetSourceApp, shipping to
// `central` quickly (small batch age and backoff) and checking budgets as `options` says.
DaemonSettings FleetProxySettings(const FleetCentral& central, const FleetProxyOptions& options);

// A generateContent call (gemini-2.0-flash-001) whose prompt is `text_bytes` of text, with
// generationConfig.maxOutputTokens when `max_output_tokens` is set, answered by the mock with
// `prompt_tokens` / `output_tokens` of usage.
HttpRequest FleetGenerateRequest(const CostgateProcess& proxy, size_t text_bytes,
                                 std::optional<int64_t> max_output_tokens, int64_t prompt_tokens,
                                 int64_t output_tokens, std::string_view marker);
// Cloud TTS text:synthesize (a Standard voice: exact characters) and ElevenLabs text-to-speech
// (eleven_multilingual_v2: one credit per character) of `characters` characters.
HttpRequest FleetCloudTtsRequest(const CostgateProcess& proxy, size_t characters,
                                 std::string_view marker);
HttpRequest FleetElevenLabsRequest(const CostgateProcess& proxy, size_t characters,
                                   std::string_view marker);

// The proxy's receipt of the call the response answered (x-costgate-event-id), once written.
std::optional<ReceiptRow> FleetReceipt(const CostgateProcess& proxy, const HttpResponse& response);

// Polls `probe` until it returns true or `timeout` passes; returns the last result.
bool FleetPollUntil(const std::function<bool()>& probe, std::chrono::milliseconds timeout);

}  // namespace costgate::integration
