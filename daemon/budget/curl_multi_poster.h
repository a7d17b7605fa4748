// Central mode's HTTP transport: POST <shipper.url>/v1/preflight for every call, all of them in
// flight at once on one thread through a libcurl multi handle (connections to central are kept
// and reused between calls), so a slow answer never queues the next call behind it.
//
// X-API-Key is the shipper's key (shipper.api_key or the first line of shipper.api_key_file),
// loaded once and again after central refuses it (401/403); TLS as the shipper's
// (shipper.ca_file). Each request is bounded by its own timeout.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "daemon/budget/preflight_transport.h"

namespace costgate::daemon::budget {

class CurlMultiPoster final : public PreflightTransport {
 public:
  // Posts to shipper.url + `path`.
  CurlMultiPoster(const config::ShipperConfig& shipper, std::string_view path);
  // Requests still in flight are answered "stopped" (status 0); joins the thread.
  ~CurlMultiPoster() override;
  CurlMultiPoster(const CurlMultiPoster&) = delete;
  CurlMultiPoster& operator=(const CurlMultiPoster&) = delete;

  void Post(std::string body, std::chrono::milliseconds timeout, Done done) override;

 private:
  struct Transfer;
  void Run(std::stop_token stop);
  void Begin(std::unique_ptr<Transfer> t);  // on the thread
  void Finish(CURL* easy, CURLcode code);   // on the thread
  bool LoadKey();

  config::ShipperConfig shipper_;
  std::string url_;
  std::string key_;  // the thread's; "" until loaded
  std::chrono::steady_clock::time_point next_key_load_{};
  CURLM* multi_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Transfer>> incoming_;
  std::vector<std::unique_ptr<Transfer>> active_;  // the thread's
  std::jthread thread_;                            // last: it uses everything above
};

}  // namespace costgate::daemon::budget
