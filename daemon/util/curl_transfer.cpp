#include "daemon/util/curl_transfer.h"

#include <mutex>

namespace costgate::daemon::util {
namespace {

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* answer = static_cast<BoundedAnswer*>(user);
  const size_t n = size * count;
  // CURLOPT_MAXFILESIZE only sees a declared length; a chunked or compressed body is counted
  // here, after decoding, which is what memory pays for.
  if (answer->body.size() + n > answer->max_bytes) {
    answer->too_large = true;
    return 0;
  }
  answer->body.append(data, n);
  return n;
}

// Called by libcurl about once a second and on every chunk: the way a shutdown interrupts a
// transfer that is waiting on a slow server.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<BoundedAnswer*>(user)->stop.stop_requested() ? 1 : 0;
}

}  // namespace

bool Append(CurlList& list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) {
    return false;
  }
  // The head is the old one once there is a list, the new item's otherwise.
  (void)list.release();
  list.reset(head);
  return true;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void SetTransferDefaults(CURL* c, long timeout_ms, const std::string& ca_file) {
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, ca_file.c_str());
  }
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "costgate/" COSTGATE_VERSION);
}

void CollectInto(CURL* c, BoundedAnswer& answer) {
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &OnProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &answer);
}

void SetCentralPost(CURL* c, const std::string& url, std::string_view body,
                    const CurlHeaders& headers, long timeout_ms, const std::string& ca_file) {
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  SetTransferDefaults(c, timeout_ms, ca_file);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.list);
}

}  // namespace costgate::daemon::util
