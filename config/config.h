// Typed, validated costgate configuration.
//
// A Config is built only by LoadConfig (config_loader.h) from YAML plus environment overrides;
// everything downstream sees a validated, immutable value. Defaults here are the embedded
// defaults: `costgate proxy` with no file runs with exactly these.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/alerts_config.h"
#include "config/labels_config.h"

namespace costgate::config {

using Millis = std::chrono::milliseconds;

struct ListenConfig {
  std::string address = "127.0.0.1";  // loopback by default: never an open proxy by accident
  uint16_t port = 8787;
  int threads = 0;  // 0 = one io_context per core

  bool operator==(const ListenConfig&) const = default;
};

struct LimitsConfig {
  uint32_t max_header_bytes = 64 * 1024;  // request line + all headers
  uint32_t max_header_count = 100;
  uint64_t max_request_body_bytes = 32 * 1024 * 1024;
  uint32_t max_metered_event_bytes = 1024 * 1024;  // one SSE event / JSON value kept for metering
  // Open client connections per listener (both roles); beyond it a new connection is answered
  // 503 with Retry-After and closed, so a flood cannot take memory or descriptors without bound.
  uint32_t max_connections = 4096;
  // A request body earns one more second of timeouts.request_body for every this many bytes
  // it delivers (Apache mod_reqtimeout's MinRate): a large upload at a sane rate is never cut
  // off, a trickle of a byte every few seconds is.
  uint32_t min_request_body_bytes_per_s = 1024;

  bool operator==(const LimitsConfig&) const = default;
};

struct TimeoutsConfig {
  Millis header_read{10'000};         // first byte of a request until its headers are complete
  Millis idle_keepalive{60'000};      // between requests on a client connection
  Millis upstream_connect{5'000};     // TCP connect + TLS handshake
  Millis upstream_response{300'000};  // request sent -> response head, and max silence mid-body
  Millis client_write{60'000};        // a client that stops reading is dropped after this
  // Time allowed for a request body to arrive (waiting on the client only), plus one second per
  // limits.min_request_body_bytes_per_s bytes delivered. Each read also waits at most
  // header_read.
  Millis request_body{30'000};
  Millis drain{30'000};  // SIGTERM: in-flight requests get this long to finish

  bool operator==(const TimeoutsConfig&) const = default;
};

struct UpstreamConfig {
  std::string name;                    // provider key: "gemini"
  std::string url;                     // https://host[:port]; path must be empty
  std::string ca_file;                 // empty: the system CA store
  uint32_t max_idle_connections = 64;  // per worker thread
  Millis idle_timeout{30'000};         // pooled connections older than this are not reused
  // Vertex AI only (DefaultConfig sets it for "vertex"): while url is the public host
  // https://aiplatform.googleapis.com, a request naming locations/{LOC} goes to that location's
  // own host (PROVIDERS.md A1). No effect with any other url: every request goes to url.
  bool regional = false;
  // Derived by the loader from url; an IPv6 host is stored without its brackets.
  std::string host;
  uint16_t port = 443;

  bool operator==(const UpstreamConfig&) const = default;
};

enum class SqliteSynchronous { kOff, kNormal, kFull };

struct ReceiptsConfig {
  std::string path = "costgate-receipts.db";  // relative paths are relative to the working dir
  SqliteSynchronous synchronous = SqliteSynchronous::kNormal;
  uint32_t batch_max = 1024;     // receipts per transaction
  Millis flush_interval{50};     // longest a receipt waits in memory before its commit
  uint32_t queue_max = 100'000;  // beyond this, receipts are dropped and counted
  // Shipped rows are deleted once shipped this long ago; unshipped rows are never deleted.
  Millis retention{7 * 86'400'000LL};
  // Size cap of the database file (with its WAL). Reached: new receipts are not stored (counted,
  // logged, alerted on /metrics and /readyz) and calls keep flowing. 0: no cap.
  uint64_t max_db_bytes = 1024ULL * 1024 * 1024;
  // true: a call is refused (503, in the provider's error format) while its receipt cannot be
  // stored (database failing or full). false (default): metering degrades, calls never do.
  bool fail_closed = false;
  // The `host` of every receipt; empty: the machine's hostname. A Kubernetes sidecar sets the
  // node's name here (COSTGATE_HOST), since a pod's hostname is only its pod name. Read at start.
  std::string host;

  bool operator==(const ReceiptsConfig&) const = default;
};

// Ships committed receipts to central (POST <url>/v1/usage/batch). Off while url is empty.
struct ShipperConfig {
  std::string url;            // central base URL, http(s)://host[:port][/prefix]; empty: off
  std::string api_key;        // X-API-Key with scope "ship"; better from COSTGATE_SHIPPER_API_KEY
  std::string api_key_file;   // file holding the key (first line); used when api_key is empty
  std::string ca_file;        // empty: system CA store
  uint32_t batch_max = 500;   // receipts per request
  Millis batch_age{1'000};    // longest a committed receipt waits for a fuller batch
  Millis timeout{10'000};     // one request, connect to answer
  Millis backoff_first{500};  // first retry delay after a failure, doubled up to backoff_max
  Millis backoff_max{60'000};
  bool gzip = true;  // Content-Encoding: gzip request bodies
  // On SIGTERM, once the requests drained: the longest the shipper keeps sending what is
  // committed and unshipped before the process exits (what is left waits for the next start).
  Millis drain{5'000};

  bool operator==(const ShipperConfig&) const = default;
};

// Budget checks before a call is forwarded (README "Budgets"; issue 14).
enum class PreflightMode : uint8_t {
  kAuto,     // lease when receipts go to a central (shipper.url, or `costgate all`); else off
  kOff,      // no budget checks
  kLease,    // reserve from allowances central leases to this proxy: no network per call
  kCentral,  // ask central (POST /v1/preflight) for every call
};

struct PreflightConfig {
  PreflightMode mode = PreflightMode::kAuto;
  bool fail_closed = false;  // central unreachable: deny (true) or allow and count (false)
  Millis timeout{250};       // longest a call waits for central (a lease, or a preflight answer)
  uint64_t default_output_tokens = 1024;  // per candidate, when a request sets no output limit
  // Request bodies are read before the check up to this size; a larger one is estimated from
  // its Content-Length or not at all.
  uint64_t max_buffered_body_bytes = 1024 * 1024;
  std::string holder_id;  // this proxy's name in central's leases; empty: px_ + random per start

  bool operator==(const PreflightConfig&) const = default;
};

// Where central keeps its data (central.store: "sqlite:PATH"). Only SQLite today; a later issue
// adds PostgreSQL as a second kind.
struct StoreLocation {
  enum class Kind : uint8_t { kSqlite };
  Kind kind = Kind::kSqlite;
  std::string path;  // kSqlite: the database file (":memory:" is a private in-memory one)

  bool operator==(const StoreLocation&) const = default;
};

// Which keys have named central's store so far while loading (the file, then the environment).
// Both may name it, as long as they name the same one (config/store_location.h).
struct StoreNamedBy {
  bool store = false;     // central.store
  bool database = false;  // central.database, the older key: a path, meaning sqlite:PATH

  // Always equal: how a config was spelled is not what it means. The example file, which names
  // the store with both keys, still equals the defaults, and a reload that moves from one key to
  // the other for the same store changes nothing.
  bool operator==(const StoreNamedBy&) const { return true; }
};

// The central role (`costgate central`, `costgate all`).
struct CentralConfig {
  ListenConfig listen{"127.0.0.1", 8788, 0};
  StoreLocation store{StoreLocation::Kind::kSqlite, "costgate-central.db"};
  StoreNamedBy store_named_by;
  SqliteSynchronous synchronous = SqliteSynchronous::kNormal;
  uint32_t max_batch_events = 5'000;           // events in one /v1/usage/batch request
  uint64_t max_body_bytes = 16 * 1024 * 1024;  // request body, after gzip decoding
  // Request bodies (as received and gzip-decoded) held in memory at once, over all requests;
  // beyond it a request is answered 503 with Retry-After before its body is read.
  uint64_t max_buffered_body_bytes = 64 * 1024 * 1024;
  // Files served under "/" where no API route claims the path (the dashboard). Empty: the
  // dashboard built beside the binary, if any (daemon/roles/dashboard_dir.h); "off": none.
  std::string static_dir;
  // Threads answering reads, each with a read-only connection to the store (0: reads run on
  // the writer's thread). Not for ":memory:", which no second connection can see.
  uint32_t read_threads = 2;
  Millis budget_lease_ttl{60'000};     // a proxy's budget allowance lapses unless renewed
  Millis preflight_hold_ttl{900'000};  // a /v1/preflight hold lapses unless its usage arrives
  // IANA zone of the analytics' local days (the day rollups) and the API's default tz. Checked
  // as a name here; central loads it from the system tz database at start (a missing one stops
  // it, naming the zone).
  std::string time_zone = "UTC";

  bool operator==(const CentralConfig&) const = default;
};

enum class LogLevel { kDebug, kInfo, kWarn, kError };

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
  bool access_log = true;  // one JSON line per request at info

  bool operator==(const LogConfig&) const = default;
};

// Where prices come from beyond the bundled data (ARCHITECTURE.md "Pricing").
struct PricingRefreshConfig {
  std::string url;              // empty: no scheduled refresh (the default: nothing downloads)
  Millis interval{86'400'000};  // between refreshes
  Millis timeout{30'000};       // whole transfer
  std::string ca_file;          // empty: system CA store

  bool operator==(const PricingRefreshConfig&) const = default;
};

struct PricingConfig {
  std::string history_dir = "costgate-prices";    // saved LiteLLM versions (import, refresh)
  std::string overrides_file;                     // admin overrides, YAML catalogue; empty: none
  std::string elevenlabs_plan = "pay_as_you_go";  // row elevenlabs/plan/<name> gives $/credit
  PricingRefreshConfig refresh;

  bool operator==(const PricingConfig&) const = default;
};

struct Config {
  ListenConfig listen;
  LimitsConfig limits;
  TimeoutsConfig timeouts;
  std::vector<UpstreamConfig> upstreams;  // defaults: gemini -> generativelanguage.googleapis.com
  LabelsConfig labels;
  ReceiptsConfig receipts;
  LogConfig log;
  PricingConfig pricing;
  ShipperConfig shipper;
  PreflightConfig preflight;
  CentralConfig central;
  AlertsConfig alerts;

  bool operator==(const Config&) const = default;

  const UpstreamConfig* FindUpstream(std::string_view name) const {
    for (const auto& u : upstreams) {
      if (u.name == name) {
        return &u;
      }
    }
    return nullptr;
  }
};

}  // namespace costgate::config
