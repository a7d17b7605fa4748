// One usage event as central stores it: a receipt shipped by a proxy (POST /v1/usage/batch) or
// a call recorded directly by an app (POST /v1/usage/record). docs/usage-batch.md is the wire
// form of the shipped kind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pricing/money.h"

namespace costgate::central {

// Unit name -> non-negative count, as received (names are [a-z0-9_]+, "chars" already mapped to
// "characters"). Owns its names, unlike pricing::Units on the proxy's hot path.
using EventUnits = std::vector<std::pair<std::string, int64_t>>;

struct Event {
  std::string event_id;    // UUIDv7 from the proxy, or made by central for /v1/usage/record
  std::string origin;      // "proxy" (usage/batch) or "record" (usage/record)
  std::string request_id;  // usage/record: the preflight's request_id; "" when none
  int64_t start_unix_ms = 0;
  int64_t end_unix_ms = 0;
  // Attribution. Empty workspace/team/project = Unassigned.
  std::string source_app;
  std::string workspace;
  std::string team;
  std::string project;  // the app's project external id
  std::string user;     // the app's user external id
  std::string job;
  std::string feature;
  std::string environment;
  std::string host;  // proxy host ("" for record)
  std::string pod;
  std::string daemon_version;
  // The call.
  std::string provider;  // "gemini", "elevenlabs", "google-tts"; "" when unknown (record)
  std::string operation;
  std::string model;  // requested model
  std::string model_version;
  std::string service_tier;
  bool metered = true;
  EventUnits units;
  bool estimated = false;
  std::string status;  // success | upstream_error | cancelled | interrupted | denied
  std::string reason;
  int http_status = 0;
  int64_t latency_ms = 0;
  int64_t ttfb_ms = -1;
  uint64_t request_bytes = 0;
  uint64_t response_bytes = 0;
  // The proxy's price, kept beside central's authoritative one.
  std::optional<pricing::Money> proxy_cost;
  std::string proxy_pricing_version;
  // Central's price (authoritative): nullopt = unpriced, with the reason.
  std::optional<pricing::Money> cost;
  std::string pricing_version;
  std::string price_key;
  std::string unpriced_reason;
  std::string pricing_notes;     // "model_fallback,...", "" when exact (pricing/pricing_notes.h)
  int64_t received_unix_ms = 0;  // when central stored it
  // The proxy's preflight estimate (nullopt: none or unpriced) and how it was made.
  std::optional<pricing::Money> estimated_cost;
  std::string estimate_method;
  std::string budget_holder;  // the proxy whose budget leases the call reserved from; "" none
};

}  // namespace costgate::central
