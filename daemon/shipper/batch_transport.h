// Where the shipper's batches go: a central over HTTP (central_client.h), or the central of the
// same process (`costgate all`, daemon/roles/in_process_call.h). Either way the answer is
// central's own /v1/usage/batch answer, so the shipper's rules (what counts as shipped, when to
// retry) and its metrics are the same.
#pragma once

#include <stop_token>
#include <string>
#include <string_view>

namespace costgate::daemon::shipper {

struct PostResult {
  long status = 0;    // HTTP status; 0: no answer (connect, TLS, timeout, stopped)
  std::string body;   // the answer's body (decoded)
  std::string error;  // why there is no answer, when status is 0
};

class BatchTransport {
 public:
  virtual ~BatchTransport() = default;

  // Delivers one batch (`body`: docs/usage-batch.md JSON, gzip-compressed when `gzipped`) with
  // the shipper's key. Called on the shipper's thread only; returns early, with no answer, once
  // `stop` is requested.
  virtual PostResult PostBatch(std::string_view body, bool gzipped, const std::string& api_key,
                               std::stop_token stop) = 0;
  // Where batches go, for the log (a URL without credentials).
  virtual std::string Describe() const = 0;
  // False when central trusts the sender without a key (the same process): the shipper then
  // loads none.
  virtual bool NeedsApiKey() const { return true; }
};

}  // namespace costgate::daemon::shipper
