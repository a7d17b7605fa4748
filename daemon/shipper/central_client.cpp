#include "daemon/shipper/central_client.h"

#include <curl/curl.h>

#include "daemon/log/redact.h"
#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::shipper {
struct CentralClient::Handle {
  ~Handle() { curl_easy_cleanup(curl); }
  CURL* curl = curl_easy_init();
};

CentralClient::CentralClient(const config::ShipperConfig& config, std::string_view path)
    : handle_(std::make_unique<Handle>()),
      url_(config.url + std::string(path)),
      ca_file_(config.ca_file),
      timeout_ms_(static_cast<long>(config.timeout.count())) {}

CentralClient::~CentralClient() = default;

PostResult CentralClient::PostBatch(std::string_view body, bool gzipped, const std::string& api_key,
                                    std::stop_token stop) {
  PostResult result;
  CURL* c = handle_->curl;
  if (c == nullptr) {
    result.error = "curl_easy_init failed";
    return result;
  }
  util::BoundedAnswer answer;
  answer.max_bytes = kMaxAnswerBytes;
  answer.stop = std::move(stop);
  char error_text[CURL_ERROR_SIZE] = {};
  util::CurlHeaders headers;
  headers.Add("X-API-Key: " + api_key);
  headers.Add("Content-Type: application/json");
  if (gzipped) {
    headers.Add("Content-Encoding: gzip");
  }
  headers.Add("Expect:");  // no 100-continue round trip before a large batch

  // Options are set again on every request (a reset handle keeps its connections): nothing of
  // the last request's state leaks into this one.
  curl_easy_reset(c);
  util::SetCentralPost(c, url_, body, headers, timeout_ms_, ca_file_);
  util::CollectInto(c, answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(c);
  // The handle outlives this call: nothing in it may point at this frame afterwards.
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    result.error = code == CURLE_ABORTED_BY_CALLBACK ? "stopped: the daemon is shutting down"
                   : error_text[0] != '\0'           ? error_text
                                                     : curl_easy_strerror(code);
    return result;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  result.body = std::move(answer.body);
  return result;
}

std::string CentralClient::Describe() const { return std::string(log::LoggableUrl(url_)); }

}  // namespace costgate::daemon::shipper
