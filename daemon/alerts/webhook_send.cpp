#include "daemon/alerts/webhook_send.h"

#include <curl/curl.h>

#include <memory>

#include "central/alerts/webhook_body.h"
#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::alerts {
namespace {

// A receiver's answer is not read beyond a status; its body is kept small.
constexpr size_t kMaxAnswerBytes = 64 * 1024;

}  // namespace

SendOutcome PostWebhook(const WebhookRequest& request, std::stop_token stop) {
  std::unique_ptr<CURL, util::CurlFree> handle(curl_easy_init());
  CURL* c = handle.get();
  if (c == nullptr) {
    return {false, "curl_easy_init failed"};
  }
  util::CurlList headers;
  auto add = [&headers](const std::string& header) { util::Append(headers, header); };
  add("Content-Type: application/json");
  add("X-Costgate-Timestamp: " + std::to_string(request.timestamp_unix_s));
  if (!request.secret.empty()) {
    add("X-Costgate-Signature: " + central::alerts::WebhookSignature(request.secret, request.body));
  }
  add("Expect:");
  util::BoundedAnswer answer;
  answer.max_bytes = kMaxAnswerBytes;
  answer.stop = std::move(stop);
  char error_text[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  util::SetTransferDefaults(c, request.timeout_ms, request.ca_file);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  util::CollectInto(c, answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  // A receiver that answered and then sent too much still answered: its status counts.
  if (code != CURLE_OK && status == 0) {
    return {false, code == CURLE_ABORTED_BY_CALLBACK ? "stopped: the daemon is shutting down"
                   : error_text[0] != '\0'           ? std::string(error_text)
                                                     : std::string(curl_easy_strerror(code))};
  }
  return {status >= 200 && status < 300, "HTTP " + std::to_string(status)};
}

}  // namespace costgate::daemon::alerts
