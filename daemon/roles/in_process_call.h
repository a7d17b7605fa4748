// `costgate all`: the proxy's parts talk to the central of the same process through central's
// own handlers on its API thread, as if over HTTP with a key bound to no app or workspace that
// holds the scope the route needs (central trusts its own process, and every request keeps the
// labels the proxy gave it). Only HTTP, gzip and the key are skipped; central's answers, and so
// the rules of whoever asked, are the network's.
#pragma once

#include <stop_token>
#include <string>
#include <string_view>

#include "daemon/central_api/api_service.h"
#include "daemon/shipper/batch_transport.h"

namespace costgate::daemon::roles {

// POST `path` with `body`. Blocks until central's API thread answered. No answer (status 0)
// when no route takes POST `path` (a central built without it).
shipper::PostResult PostInProcess(central_api::ApiService& api, std::string_view path,
                                  std::string_view body);

// A BatchTransport to central's POST `path`: the shipper's (/v1/usage/batch, with
// InProcessShipperConfig: in_process_shipping.h) and the lease client's (/v1/budget/leases).
class InProcessPost final : public shipper::BatchTransport {
 public:
  // `api` outlives the transport (whoever uses it stops before central does).
  InProcessPost(central_api::ApiService& api, std::string path)
      : api_(api), path_(std::move(path)) {}

  // Plain JSON only: a gzipped body (a wiring mistake) gets no answer.
  shipper::PostResult PostBatch(std::string_view body, bool gzipped, const std::string& api_key,
                                std::stop_token stop) override;
  std::string Describe() const override { return "in-process"; }
  bool NeedsApiKey() const override { return false; }

 private:
  central_api::ApiService& api_;
  std::string path_;
};

}  // namespace costgate::daemon::roles
