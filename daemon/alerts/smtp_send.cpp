#include "daemon/alerts/smtp_send.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::alerts {
namespace {

struct Upload {
  std::string_view rest;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

curl_usessl UseSsl(config::StartTls starttls) {
  switch (starttls) {
    case config::StartTls::kTry:
      return CURLUSESSL_TRY;
    case config::StartTls::kRequired:
      return CURLUSESSL_ALL;
    case config::StartTls::kOff:
      break;
  }
  return CURLUSESSL_NONE;
}

}  // namespace

SendOutcome SendEmail(const SmtpRequest& request, std::stop_token stop) {
  std::unique_ptr<CURL, util::CurlFree> handle(curl_easy_init());
  CURL* c = handle.get();
  if (c == nullptr) {
    return {false, "curl_easy_init failed"};
  }
  // Angle brackets are the SMTP syntax; the addresses were checked when the config was loaded.
  const std::string from = "<" + request.email.from + ">";
  util::CurlList recipients;
  for (const std::string& address : request.recipients) {
    if (!util::Append(recipients, "<" + address + ">")) {
      return {false, "out of memory"};
    }
  }
  Upload upload{request.message};
  util::BoundedAnswer answer;  // SMTP has no body; the answer only carries the stop token
  answer.max_bytes = 64 * 1024;
  answer.stop = std::move(stop);
  char error_text[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(c, CURLOPT_URL, request.email.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  util::SetTransferDefaults(c, request.timeout_ms, request.ca_file);
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(UseSsl(request.email.starttls)));
  if (!request.email.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, request.email.username.c_str());
    const std::string password(request.password);
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());  // libcurl copies it
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadMessage);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.message.size()));
  util::CollectInto(c, answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  const std::string last_reply = reply != 0 ? "SMTP " + std::to_string(reply) : std::string();
  if (code == CURLE_OK) {
    return {true, last_reply.empty() ? "accepted" : last_reply};
  }
  std::string detail = code == CURLE_ABORTED_BY_CALLBACK ? "stopped: the daemon is shutting down"
                       : error_text[0] != '\0'           ? error_text
                                                         : curl_easy_strerror(code);
  if (!last_reply.empty()) {
    detail = last_reply + ": " + detail;
  }
  return {false, std::move(detail)};
}

}  // namespace costgate::daemon::alerts
