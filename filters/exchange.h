// Exchange: the one per-request value that filters share (STYLE.md habit 3).
//
// The session creates it at admission, request filters fill and edit it in chain order, the
// session records the response and outcome on it, and completion turns it into a receipt.
// No filter calls another; this struct is their only channel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "filters/http_message.h"
#include "filters/receipt.h"
#include "filters/units.h"
#include "pricing/money.h"

namespace costgate::filters {

// How a routed operation is accounted for.
enum class Metering {
  kMetered,      // billable: a meter reads usage, a receipt is written
  kFree,         // a model call the provider does not bill (countTokens): receipt, cost 0
  kPassThrough,  // bookkeeping (model lists, files, operation polls, voices): no receipt
  kUnmetered,    // unknown operation on a known provider: forwarded, receipt marks it unmetered
};

// Whether the request body was read before the request filters decided (Next::kNeedBody).
enum class RequestBodyState : uint8_t {
  kUnread,    // not read: it streams upstream as it is forwarded (the default)
  kBuffered,  // read whole into Exchange::request_body before any byte went upstream
  kTooLarge,  // larger than request_body_limit: not buffered; it streams when forwarded
};

// A response the daemon answers itself (request phases, or upstream failure).
struct LocalReply {
  int status = 0;
  std::string reason;  // stable snake_case code: header x-costgate-reason, log, metric, receipt
  std::string body;    // JSON, in the provider's error shape where a provider is known
  Headers headers;     // extra headers
};

struct Exchange {
  // --- admission (session) ---
  std::string event_id;       // UUIDv7
  int64_t start_unix_ms = 0;  // wall clock at admission
  RequestHead request;        // request filters may edit headers and target

  // --- route ---
  std::string provider;   // "gemini"; empty when unrouted
  std::string operation;  // "generateContent", "streamGenerateContent", "countTokens", ...
  Metering metering = Metering::kUnmetered;
  std::string model_requested;  // model named by the URL ("gemini-2.0-flash-001")
  bool stream_sse = false;      // request asked for ?alt=sse
  std::string price_family;     // price list when not the provider's own ("vertex"); see Operation
  std::string upstream_target;  // target to send upstream (prefix stripped, query kept)

  // --- attribute ---
  Labels labels;

  // --- request body, read before the decision (daemon; only after a Next::kNeedBody) ---
  uint64_t request_body_limit = 0;  // the filter asking: buffer at most this many bytes
  RequestBodyState request_body_state = RequestBodyState::kUnread;
  // kBuffered: the whole body, transfer-decoded (its content coding, e.g. gzip, untouched).
  // kTooLarge: what was read before the limit passed (a chunked body), or nothing. The daemon
  // forwards these bytes and frees them once the request phase is over.
  std::string request_body;
  // kBuffered: request_body.size(). kTooLarge: the Content-Length, or for a chunked body the
  // bytes read before the limit passed (so at least the limit).
  uint64_t request_body_size = 0;

  // --- preflight (the budget check; filters/preflight/) ---
  std::optional<pricing::Money> estimated_cost;  // the priced estimate; nullopt: none/unpriced
  std::string estimate_method;      // "request_characters", "request_text_ratio+max_output_tokens"
  std::string budget_holder;        // the proxy whose leases the call reserved from; "" none
  uint64_t budget_reservation = 0;  // what the gate holds for the call until settled; 0: none

  // --- response (session) ---
  std::optional<ResponseHead> response;  // set once the upstream head arrived

  // --- meter ---
  Units units;
  std::string model_version;    // the model the provider says it served
  bool usage_reported = false;  // the provider reported usage (vs nothing seen)
  bool estimated = false;
  uint32_t malformed_units = 0;  // stream units skipped as unparsable

  std::string service_tier;  // usageMetadata.serviceTier (Gemini API), empty when not reported
  std::string traffic_type;  // usageMetadata.trafficType (Vertex AI), empty when not reported

  // --- price ---
  std::optional<pricing::Money> cost;  // nullopt: unpriced (never zero by default)
  std::string pricing_version;         // price book version; empty when unpriced
  std::string price_key;               // the row's key ("gemini/gemini-2.5-flash"); empty: unknown
  std::string unpriced_reason;         // "unknown_model", "no_rate", ...; empty when priced
  // Why the price is not exactly the call's own row and tier ("model_fallback",
  // "provider_fallback", "tier_fallback", comma-separated: pricing/pricing_notes.h); empty when
  // it is, and when unpriced.
  std::string pricing_notes;

  // --- outcome (session, before completion) ---
  Outcome outcome = Outcome::kSuccess;
  std::string reason;   // snake_case, empty on plain success
  int http_status = 0;  // what the client got
  int64_t end_unix_ms = 0;
  int64_t latency_ms = 0;
  int64_t ttfb_ms = -1;
  uint64_t request_bytes = 0;
  uint64_t response_bytes = 0;
  // The request went out to the upstream (its head was written): only then can the provider
  // have billed it.
  bool sent_upstream = false;

  // Set by a request filter that answers itself (Next::kAnswered), or by the session on failure.
  LocalReply reply;
};

}  // namespace costgate::filters
