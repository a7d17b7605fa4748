#include "daemon/pricing/feed_fetch.h"

#include <curl/curl.h>

#include <memory>

#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::price_refresh {
namespace {

struct CurlCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

}  // namespace

FetchResult FetchFeed(const config::PricingRefreshConfig& refresh, std::stop_token stop) {
  util::InitCurlOnce();
  FetchResult result;
  std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  util::BoundedAnswer answer;
  answer.max_bytes = kMaxFeedBytes;
  answer.stop = std::move(stop);
  char error_text[CURL_ERROR_SIZE] = {};
  const bool https = refresh.url.starts_with("https://");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, refresh.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, https ? "https" : "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  util::SetTransferDefaults(c, static_cast<long>(refresh.timeout.count()), refresh.ca_file);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxFeedBytes));
  util::CollectInto(c, answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(c);
  if (answer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    result.error = "the feed is larger than " + std::to_string(kMaxFeedBytes) + " bytes";
    return result;
  }
  if (code == CURLE_ABORTED_BY_CALLBACK) {
    result.error = "stopped: the daemon is shutting down";
    return result;
  }
  if (code != CURLE_OK) {
    result.error = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    return result;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    result.error = "HTTP status " + std::to_string(status) + " (expected 200)";
    return result;
  }
  result.ok = true;
  result.body = std::move(answer.body);
  return result;
}

}  // namespace costgate::daemon::price_refresh
