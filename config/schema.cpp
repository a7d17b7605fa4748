#include "config/schema.h"

#include <limits>
#include <utility>

#include "config/addresses.h"
#include "config/providers.h"
#include "config/scalars.h"
#include "config/store_location.h"

namespace costgate::config {
namespace {

// Sizes and counts: zero would make every request, event or receipt fail or never flush.
template <typename Field>
Problem StorePositive(std::string_view text, Field& field,
                      uint64_t max = std::numeric_limits<Field>::max()) {
  return Store(ParseUnsigned(text, 1, max), field);
}

// The url and the host and port derived from it change together.
Problem StoreUrl(std::string_view text, UpstreamConfig& upstream) {
  Parsed<Endpoint> endpoint = ParseUpstreamUrl(text);
  if (!endpoint.value) {
    return std::move(endpoint.error);
  }
  upstream.url = text;
  upstream.host = std::move(endpoint.value->host);
  upstream.port = endpoint.value->port;
  return std::nullopt;
}

// Keeps request-body arithmetic in signed 64-bit range for the code that consumes it.
constexpr uint64_t kMaxBodyBytes = std::numeric_limits<int64_t>::max();
constexpr uint64_t kMaxThreads = 256;
constexpr uint64_t kMaxRetentionMs = 3650 * 86'400'000ULL;  // ten years
constexpr uint64_t kMinDbCapBytes = 1024 * 1024;
constexpr uint64_t kMaxShipBatch = 10'000;
constexpr uint64_t kMaxCentralBatch = 100'000;
constexpr uint64_t kMaxCentralBodyBytes = 1024ULL * 1024 * 1024;

Problem StoreSizeCap(std::string_view text, uint64_t& field) {
  if (text == "0") {
    field = 0;
    return std::nullopt;
  }
  return Store(ParseUnsigned(text, kMinDbCapBytes, kMaxBodyBytes), field);
}

// Short names keep each table row on one line.
using Text = std::string_view;
using S = Setting<Config>;

const S kListen[] = {
    {"address", [](Text t, Config& c) { return Store(ParseListenAddress(t), c.listen.address); }},
    // 0 asks the kernel for an ephemeral port (tests read the bound port back).
    {"port", [](Text t, Config& c) { return Store(ParseUnsigned(t, 0, 65535), c.listen.port); }},
    {"threads",
     [](Text t, Config& c) { return Store(ParseUnsigned(t, 0, kMaxThreads), c.listen.threads); }},
};

const S kLimits[] = {
    {"max_header_bytes",
     [](Text t, Config& c) { return StorePositive(t, c.limits.max_header_bytes); }},
    {"max_header_count",
     [](Text t, Config& c) { return StorePositive(t, c.limits.max_header_count); }},
    {"max_request_body_bytes",
     [](Text t, Config& c) {
       return StorePositive(t, c.limits.max_request_body_bytes, kMaxBodyBytes);
     }},
    {"max_metered_event_bytes",
     [](Text t, Config& c) { return StorePositive(t, c.limits.max_metered_event_bytes); }},
    {"max_connections",
     [](Text t, Config& c) { return StorePositive(t, c.limits.max_connections); }},
    {"min_request_body_bytes_per_s",
     [](Text t, Config& c) { return StorePositive(t, c.limits.min_request_body_bytes_per_s); }},
};

const S kTimeouts[] = {
    {"header_read_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.header_read); }},
    {"idle_keepalive_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.idle_keepalive); }},
    {"upstream_connect_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.upstream_connect); }},
    {"upstream_response_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.upstream_response); }},
    {"client_write_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.client_write); }},
    {"request_body_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.request_body); }},
    {"drain_ms", [](Text t, Config& c) { return Store(ParseDurationMs(t), c.timeouts.drain); }},
};

// Labels are free text: they are whatever the operator wants to see on receipts.
const S kLabels[] = {
    {"source_app", [](Text t, Config& c) { return Store(ParseLabel(t), c.labels.source_app); }},
    {"workspace", [](Text t, Config& c) { return Store(ParseLabel(t), c.labels.workspace); }},
    {"team", [](Text t, Config& c) { return Store(ParseLabel(t), c.labels.team); }},
    {"project", [](Text t, Config& c) { return Store(ParseLabel(t), c.labels.project); }},
    {"environment", [](Text t, Config& c) { return Store(ParseLabel(t), c.labels.environment); }},
    {"pod", [](Text t, Config& c) { return Store(ParseLabel(t), c.labels.pod); }},
};

const S kReceipts[] = {
    {"path",
     [](Text t, Config& c) { return Store(ParseNonEmpty(t, "a file path"), c.receipts.path); }},
    {"synchronous",
     [](Text t, Config& c) { return Store(ParseSynchronous(t), c.receipts.synchronous); }},
    {"batch_max", [](Text t, Config& c) { return StorePositive(t, c.receipts.batch_max); }},
    {"flush_interval_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.receipts.flush_interval); }},
    {"queue_max", [](Text t, Config& c) { return StorePositive(t, c.receipts.queue_max); }},
    {"retention_ms",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, 1, kMaxRetentionMs), c.receipts.retention);
     }},
    // 0 turns the cap off; a cap below a few pages could never hold a batch.
    {"max_db_bytes", [](Text t, Config& c) { return StoreSizeCap(t, c.receipts.max_db_bytes); }},
    {"fail_closed", [](Text t, Config& c) { return Store(ParseBool(t), c.receipts.fail_closed); }},
    // Free text like a label: it goes out on every receipt under central's text rule.
    {"host", [](Text t, Config& c) { return Store(ParseLabel(t), c.receipts.host); }},
};

// Empty turns shipping off.
Problem StoreCentralUrl(std::string_view text, std::string& field) {
  if (text.empty()) {
    field.clear();
    return std::nullopt;
  }
  Problem problem = Store(ParseFeedUrl(text), field);
  if (!problem) {
    while (field.size() > 1 && field.back() == '/') {
      field.pop_back();
    }
  }
  return problem;
}

const S kShipper[] = {
    {"url", [](Text t, Config& c) { return StoreCentralUrl(t, c.shipper.url); }},
    {"api_key", [](Text t, Config& c) { return StoreText(t, c.shipper.api_key); }},
    {"api_key_file", [](Text t, Config& c) { return StoreText(t, c.shipper.api_key_file); }},
    {"ca_file", [](Text t, Config& c) { return StoreText(t, c.shipper.ca_file); }},
    {"batch_max",
     [](Text t, Config& c) { return StorePositive(t, c.shipper.batch_max, kMaxShipBatch); }},
    {"batch_age_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.shipper.batch_age); }},
    {"timeout_ms", [](Text t, Config& c) { return Store(ParseDurationMs(t), c.shipper.timeout); }},
    {"backoff_first_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.shipper.backoff_first); }},
    {"backoff_max_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.shipper.backoff_max); }},
    {"gzip", [](Text t, Config& c) { return Store(ParseBool(t), c.shipper.gzip); }},
    {"drain_ms", [](Text t, Config& c) { return Store(ParseDurationMs(t), c.shipper.drain); }},
};

// A wait beyond a few seconds would hold an app's call hostage to central; a zero wait could
// never get a first lease. Output defaults beyond any model's limit only inflate estimates.
constexpr uint64_t kMaxPreflightTimeoutMs = 10'000;
constexpr uint64_t kMaxDefaultOutputTokens = 1'000'000;
constexpr uint64_t kMaxPreflightBodyBytes = 64 * 1024 * 1024;

const S kPreflight[] = {
    {"mode", [](Text t, Config& c) { return Store(ParsePreflightMode(t), c.preflight.mode); }},
    {"fail_closed", [](Text t, Config& c) { return Store(ParseBool(t), c.preflight.fail_closed); }},
    {"timeout_ms",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, 1, kMaxPreflightTimeoutMs), c.preflight.timeout);
     }},
    {"default_output_tokens",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, 0, kMaxDefaultOutputTokens),
                    c.preflight.default_output_tokens);
     }},
    {"max_buffered_body_bytes",
     [](Text t, Config& c) {
       return StorePositive(t, c.preflight.max_buffered_body_bytes, kMaxPreflightBodyBytes);
     }},
    {"holder_id", [](Text t, Config& c) { return Store(ParseLabel(t), c.preflight.holder_id); }},
};

// Readers are for a dashboard's few concurrent queries; each holds a SQLite connection and its
// page cache.
constexpr uint64_t kMaxReadThreads = 16;
constexpr uint64_t kMinBudgetTtlMs = 1'000;
constexpr uint64_t kMaxBudgetTtlMs = 86'400'000;

const S kCentral[] = {
    {"store", [](Text t, Config& c) { return SetCentralStore(t, c.central); }},
    {"database", [](Text t, Config& c) { return SetCentralDatabase(t, c.central); }},
    {"synchronous",
     [](Text t, Config& c) { return Store(ParseSynchronous(t), c.central.synchronous); }},
    {"max_batch_events",
     [](Text t, Config& c) {
       return StorePositive(t, c.central.max_batch_events, kMaxCentralBatch);
     }},
    {"max_body_bytes",
     [](Text t, Config& c) {
       return StorePositive(t, c.central.max_body_bytes, kMaxCentralBodyBytes);
     }},
    {"max_buffered_body_bytes",
     [](Text t, Config& c) {
       return StorePositive(t, c.central.max_buffered_body_bytes, kMaxBodyBytes);
     }},
    {"static_dir", [](Text t, Config& c) { return StoreText(t, c.central.static_dir); }},
    {"read_threads",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, 0, kMaxReadThreads), c.central.read_threads);
     }},
    // A lease or hold must outlive a renewal round trip; one longer than a day pins a budget
    // for a day after a proxy or client dies.
    {"budget_lease_ttl_ms",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, kMinBudgetTtlMs, kMaxBudgetTtlMs), c.central.budget_lease_ttl);
     }},
    {"preflight_hold_ttl_ms",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, kMinBudgetTtlMs, kMaxBudgetTtlMs),
                    c.central.preflight_hold_ttl);
     }},
    {"time_zone",
     [](Text t, Config& c) { return Store(ParseTimeZoneName(t), c.central.time_zone); }},
};

const S kCentralListen[] = {
    {"address",
     [](Text t, Config& c) { return Store(ParseListenAddress(t), c.central.listen.address); }},
    {"port",
     [](Text t, Config& c) { return Store(ParseUnsigned(t, 0, 65535), c.central.listen.port); }},
    {"threads",
     [](Text t, Config& c) {
       return Store(ParseUnsigned(t, 0, kMaxThreads), c.central.listen.threads);
     }},
};

const Section kCentralSections[] = {{"listen", kCentralListen}};

const S kLog[] = {
    {"level", [](Text t, Config& c) { return Store(ParseLogLevel(t), c.log.level); }},
    {"access_log", [](Text t, Config& c) { return Store(ParseBool(t), c.log.access_log); }},
};

// A refresh more often than a minute would only load the feed's server; more than a week apart
// would leave prices stale for no gain.
constexpr uint64_t kMinRefreshIntervalMs = 60'000;
constexpr uint64_t kMaxRefreshIntervalMs = 7 * 86'400'000ULL;

// The plan name becomes part of a price key (elevenlabs/plan/<name>).
Parsed<std::string> ParsePlanName(std::string_view text) {
  bool ok = !text.empty();
  for (char c : text) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
  }
  if (!ok) {
    return Parsed<std::string>::Fail("expected a plan name of a-z, 0-9, '_' and '-', got " +
                                     Quoted(text));
  }
  return Parsed<std::string>::Ok(std::string(text));
}

// Empty turns the scheduled refresh off.
Problem StoreFeedUrl(std::string_view text, std::string& field) {
  if (text.empty()) {
    field.clear();
    return std::nullopt;
  }
  return Store(ParseFeedUrl(text), field);
}

const S kPricing[] = {
    {"history_dir",
     [](Text t, Config& c) {
       return Store(ParseNonEmpty(t, "a directory path"), c.pricing.history_dir);
     }},
    // Files are checked by the daemon (daemon/roles/config_files.h: check-config, start,
    // reload): loading stays free of file-system access.
    {"overrides_file", [](Text t, Config& c) { return StoreText(t, c.pricing.overrides_file); }},
    {"elevenlabs_plan",
     [](Text t, Config& c) { return Store(ParsePlanName(t), c.pricing.elevenlabs_plan); }},
};

const S kPricingRefresh[] = {
    {"url", [](Text t, Config& c) { return StoreFeedUrl(t, c.pricing.refresh.url); }},
    {"interval_ms",
     [](Text t, Config& c) {
       Parsed<uint64_t> ms = ParseUnsigned(t, kMinRefreshIntervalMs, kMaxRefreshIntervalMs);
       return Store(std::move(ms), c.pricing.refresh.interval);
     }},
    {"timeout_ms",
     [](Text t, Config& c) { return Store(ParseDurationMs(t), c.pricing.refresh.timeout); }},
    {"ca_file", [](Text t, Config& c) { return StoreText(t, c.pricing.refresh.ca_file); }},
};

const Section kPricingSections[] = {{"refresh", kPricingRefresh}};

const Section kSections[] = {
    {"listen", kListen},
    {"limits", kLimits},
    {"timeouts", kTimeouts},
    {"labels", kLabels},
    {"receipts", kReceipts},
    {"log", kLog},
    {"pricing", kPricing, kPricingSections},
    {"shipper", kShipper},
    {"preflight", kPreflight},
    {"central", kCentral, kCentralSections},
};

using U = Setting<UpstreamConfig>;

const U kUpstream[] = {
    {"url", StoreUrl},
    // Checked by the daemon (daemon/roles/config_files.h): loading stays free of file access.
    {"ca_file", [](Text t, UpstreamConfig& u) { return StoreText(t, u.ca_file); }},
    // 0 is meaningful: no pooling, one TLS handshake per request.
    {"max_idle_connections",
     [](Text t, UpstreamConfig& u) {
       return Store(ParseUnsigned(t, 0, std::numeric_limits<uint32_t>::max()),
                    u.max_idle_connections);
     }},
    {"idle_timeout_ms",
     [](Text t, UpstreamConfig& u) { return Store(ParseDurationMs(t), u.idle_timeout); }},
    // Last: providers without regional hosts get the table without it (UpstreamSettings).
    {"regional", [](Text t, UpstreamConfig& u) { return Store(ParseBool(t), u.regional); }},
};

}  // namespace

std::span<const Section> Sections() { return kSections; }

std::span<const Setting<UpstreamConfig>> UpstreamSettings(std::string_view provider) {
  for (const KnownProvider& known : kKnownProviders) {
    if (known.name == provider && known.regional_hosts) {
      return kUpstream;
    }
  }
  return std::span(kUpstream).first(std::size(kUpstream) - 1);
}

UpstreamConfig* FindUpstream(Config& config, std::string_view name) {
  for (UpstreamConfig& upstream : config.upstreams) {
    if (upstream.name == name) {
      return &upstream;
    }
  }
  return nullptr;
}

Problem SetByPath(Config& config, std::string_view path, std::string_view text) {
  size_t dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  std::string_view rest = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (head == kUpstreamsKey) {
    size_t name_end = rest.find('.');
    if (name_end != std::string_view::npos) {
      UpstreamConfig* upstream = FindUpstream(config, rest.substr(0, name_end));
      const U* setting =
          FindKey(UpstreamSettings(rest.substr(0, name_end)), rest.substr(name_end + 1));
      if (upstream != nullptr && setting != nullptr) {
        return setting->set(text, *upstream);
      }
    }
  } else if (const Section* section = FindKey(Sections(), head)) {
    // Walks nested sections ("pricing.refresh.url") down to the setting.
    while (true) {
      if (const S* setting = FindKey(section->settings, rest)) {
        return setting->set(text, config);
      }
      size_t next = rest.find('.');
      const Section* inner = next == std::string_view::npos
                                 ? nullptr
                                 : FindKey(section->sections, rest.substr(0, next));
      if (inner == nullptr) {
        break;
      }
      section = inner;
      rest = rest.substr(next + 1);
    }
  }
  return "no setting at " + std::string(path);
}

std::string SectionKeyList(const Section& section) {
  std::string list = KeyList(section.settings);
  if (!section.sections.empty()) {
    list += (list.empty() ? "" : ", ") + KeyList(section.sections);
  }
  return list;
}

}  // namespace costgate::config
