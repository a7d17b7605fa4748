// The usage event (receipt) of one admitted request, and where receipts go.
//
// Fields follow ARCHITECTURE.md "Usage event". A receipt is a value: the receipt filter builds it
// from the Exchange at completion and hands it to a ReceiptSink, which must never block.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/labels_config.h"
#include "filters/units.h"
#include "pricing/money.h"

namespace costgate::filters {

enum class Outcome {
  kSuccess,        // upstream answered 2xx/3xx and the body reached the client
  kUpstreamError,  // upstream answered >= 400, or failed (connect, TLS, reset, timeout)
  kCancelled,      // the client went away before the response ended
  kInterrupted,    // the daemon stopped (crash recovery, drain timeout) mid-request
  kDenied,         // a request filter refused the call (budget, limits, bad request)
};
std::string_view OutcomeName(Outcome o) noexcept;  // "success", "upstream_error", ...

// A receipt's labels: the operator's (config, stamped on every receipt) and the request's own.
struct Labels : config::LabelsConfig {
  // Per-request, from x-costgate-* headers.
  std::string user;
  std::string job;
  std::string feature;

  // Declared so a comparison covers all nine labels, not only the configured ones.
  bool operator==(const Labels&) const = default;
};

struct Receipt {
  // An intent: written when the request is admitted, replaced by the final receipt of the same
  // event_id when the response ends. One still open when the daemon starts was cut short by a
  // crash and is closed as interrupted (ARCHITECTURE.md "Usage event", outbox).
  bool open = false;
  std::string event_id;  // UUIDv7, made at admission
  int64_t start_unix_ms = 0;
  int64_t end_unix_ms = 0;
  std::string host;  // machine hostname
  std::string daemon_version;
  Labels labels;
  std::string provider;         // "gemini"
  std::string operation;        // "generateContent"
  bool metered = true;          // false: unknown operation forwarded without a meter ("unmetered")
  std::string model_requested;  // from the URL
  std::string model_version;    // from the response (modelVersion)
  Units units;
  std::string service_tier;            // serviceTier / trafficType the provider reported
  std::optional<pricing::Money> cost;  // nullopt: unpriced (never "zero" by default)
  std::string pricing_version;         // price book version used; empty when unpriced
  std::string price_key;               // price row key; empty when the model is unknown
  std::string unpriced_reason;         // why cost is nullopt ("unknown_model", ...)
  std::string pricing_notes;           // "tier_fallback", ... (pricing/pricing_notes.h); "" exact
  Outcome outcome = Outcome::kSuccess;
  std::string reason;           // snake_case reason code for non-success outcomes
  int http_status = 0;          // status sent to the client
  int64_t latency_ms = 0;       // admission -> response end
  int64_t ttfb_ms = -1;         // admission -> first response byte from upstream; -1 when none
  uint64_t request_bytes = 0;   // body bytes received from the client
  uint64_t response_bytes = 0;  // body bytes sent to the client
  bool estimated = false;       // units come (partly) from an estimate, not the provider's report
  std::optional<pricing::Money> estimated_cost;  // preflight's estimate; nullopt: none/unpriced
  std::string estimate_method;  // how it was made ("request_characters", ...); "" when none
  std::string budget_holder;    // the proxy whose budget leases the call reserved from; "" none
};

// Accepts finished receipts. Implementations must not block the caller (the request path) and
// must not throw; when they cannot keep a receipt they count it.
class ReceiptSink {
 public:
  virtual ~ReceiptSink() = default;
  virtual void Submit(Receipt receipt) noexcept = 0;
  // False when a receipt submitted now could not be kept and the sink was configured to refuse
  // such calls (receipts.fail_closed): the receipt filter then answers 503 instead of
  // forwarding. Called on the request path: cheap, never blocks.
  virtual bool accepting() const noexcept { return true; }
};

}  // namespace costgate::filters
