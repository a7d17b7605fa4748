#include "daemon/pricing/feed_fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "daemon/util/curl_defaults.h"

namespace costgate::daemon::price_refresh {
namespace {

struct Transfer {
  std::string body;
  bool too_large = false;
  std::stop_token stop;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  // CURLOPT_MAXFILESIZE only sees a declared length; a chunked or compressed body is counted
  // here, after decoding, which is what memory pays for.
  if (transfer->body.size() + n > kMaxFeedBytes) {
    transfer->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  transfer->body.append(data, n);
  return n;
}

// Called by libcurl about once a second and on every chunk: the way a shutdown interrupts a
// transfer that is waiting on a slow server.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->stop.stop_requested() ? 1 : 0;
}

struct CurlCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

}  // namespace

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string LoggableUrl(const std::string& url) { return url.substr(0, url.find_first_of("?#")); }

FetchResult FetchFeed(const config::PricingRefreshConfig& refresh, std::stop_token stop) {
  InitCurlOnce();
  FetchResult result;
  std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  Transfer transfer{{}, false, std::move(stop)};
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
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &OnProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(c);
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
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
  result.body = std::move(transfer.body);
  return result;
}

}  // namespace costgate::daemon::price_refresh
