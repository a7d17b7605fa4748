// What every outbound libcurl transfer of the daemon shares (the price feed, the shipper): global
// init, the common options, and collecting a bounded answer that a shutdown can cut short.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

namespace costgate::daemon::util {

// Frees libcurl's handles and lists, for std::unique_ptr.
struct CurlFree {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, CurlFree>;

// Appends a copy of `line` to `list`; false (the list unchanged) when libcurl cannot allocate.
bool Append(CurlList& list, const std::string& line);

// Makes libcurl ready for use from other threads; call on the main thread before any transfer
// (idempotent).
void InitCurlOnce();

// Time limit for the whole transfer, no signals (threads), TLS peer and host verified (against
// `ca_file` when not empty, else the system store), every encoding libcurl can decode, and our
// User-Agent.
void SetTransferDefaults(CURL* c, long timeout_ms, const std::string& ca_file);

// The answer of one transfer: its body, decoded, up to `max_bytes` (beyond it the transfer is
// aborted with CURLE_WRITE_ERROR and `too_large` set), and the token whose stop request aborts it
// (CURLE_ABORTED_BY_CALLBACK) within about a second, even while the server is silent.
struct BoundedAnswer {
  size_t max_bytes = 0;
  std::stop_token stop;
  std::string body;
  bool too_large = false;
};

// Points the transfer's write and progress callbacks at `answer`, which must outlive
// curl_easy_perform.
void CollectInto(CURL* c, BoundedAnswer& answer);

// A request's header fields, freed with it.
struct CurlHeaders {
  CurlHeaders() = default;
  CurlHeaders(const CurlHeaders&) = delete;
  CurlHeaders& operator=(const CurlHeaders&) = delete;
  ~CurlHeaders() { curl_slist_free_all(list); }
  void Add(const std::string& header) {
    if (curl_slist* more = curl_slist_append(list, header.c_str())) {
      list = more;
    }
  }
  curl_slist* list = nullptr;
};

// The options of a POST of `body` to central (the shipper's batches, the budget gates' leases
// and preflights): http(s) only, no redirects, the transfer defaults above, `headers`. `url`,
// `body` and `headers` must outlive the transfer.
void SetCentralPost(CURL* c, const std::string& url, std::string_view body,
                    const CurlHeaders& headers, long timeout_ms, const std::string& ca_file);

}  // namespace costgate::daemon::util
