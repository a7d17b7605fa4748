// The shipper's HTTP side: POST <shipper.url>/v1/usage/batch with libcurl, one easy handle kept
// for the shipper's lifetime so the connection (and TLS session) is reused between batches. The
// lease client (daemon/budget) posts its JSON to <shipper.url>/v1/budget/leases the same way.
//
// TLS peer and host are verified (against shipper.ca_file when set); no redirects are followed;
// each request is bounded by shipper.timeout; libcurl never raises signals (CURLOPT_NOSIGNAL).
// Not thread-safe: one thread (the shipper's, the lease client's) is the only user.
// util::InitCurlOnce() must have run before the first request.
#pragma once

#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/shipper/batch_transport.h"

namespace costgate::daemon::shipper {

inline constexpr size_t kMaxAnswerBytes = 8 * 1024 * 1024;

class CentralClient final : public BatchTransport {
 public:
  // Posts to shipper.url + `path`.
  explicit CentralClient(const config::ShipperConfig& config,
                         std::string_view path = "/v1/usage/batch");
  ~CentralClient();
  CentralClient(const CentralClient&) = delete;
  CentralClient& operator=(const CentralClient&) = delete;

  // Sends `body` with X-API-Key: `api_key`. Returns early, with no answer, once `stop` is
  // requested.
  PostResult PostBatch(std::string_view body, bool gzipped, const std::string& api_key,
                       std::stop_token stop) override;
  std::string Describe() const override;

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string url_;
  std::string ca_file_;
  long timeout_ms_;
};

}  // namespace costgate::daemon::shipper
