// Downloading the LiteLLM price feed (pricing.refresh) with libcurl: one blocking GET, bounded
// in time and size, TLS verified, cancellable.
#pragma once

#include <cstddef>
#include <stop_token>
#include <string>

#include "config/config.h"

namespace costgate::daemon::price_refresh {

inline constexpr size_t kMaxFeedBytes = 64 * 1024 * 1024;

struct FetchResult {
  bool ok = false;
  std::string body;   // the decoded body when ok
  std::string error;  // why not, when !ok: "HTTP 404", "Timeout was reached", ...
};

// GETs `refresh.url`: the whole transfer within `refresh.timeout`; TLS peer and host verified
// (against `refresh.ca_file` when set); redirects followed (at most 5) only within the URL's
// scheme, so https never falls back to http; compressed bodies decoded; a body over
// kMaxFeedBytes or a status other than 200 fails. Returns early, failed, once `stop` is
// requested.
FetchResult FetchFeed(const config::PricingRefreshConfig& refresh, std::stop_token stop);

}  // namespace costgate::daemon::price_refresh
