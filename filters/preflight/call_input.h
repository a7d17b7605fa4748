// The request as the estimate reads it (estimate.h CallRequest), made from the Exchange once the
// daemon has read its body, or found it too large to (Next::kNeedBody).
//
// The body is given content-decoded, as the receipt's meter reads it (filters/meter/
// request_body_decoder.h): a gzip (x-gzip) body is gunzipped here, keeping at most
// `max_decoded_bytes`; beyond that it is unreadable and its size is the decoded size (counted up
// to RequestBodyDecoder::kMaxDecodedBytes, the meter's own bound). Unreadable as well, sized as
// sent: another coding (br, zstd, deflate, gzip twice), a corrupt or cut gzip, a body too large
// to be buffered (its Content-Length, or the bytes read before the limit passed), and a body
// never read (its Content-Length header, else 0).
#pragma once

#include <cstdint>
#include <string>

#include "filters/exchange.h"
#include "filters/preflight/estimate.h"

namespace costgate::filters::preflight {

class CallInput {
 public:
  // `x` outlives the CallInput, which views its strings.
  CallInput(const Exchange& x, uint64_t max_decoded_bytes);
  CallInput(const CallInput&) = delete;
  CallInput& operator=(const CallInput&) = delete;

  const CallRequest& request() const noexcept { return request_; }

 private:
  void Decode(std::string_view gzip, uint64_t max_decoded_bytes);

  std::string decoded_;  // a gzip body, gunzipped
  CallRequest request_;
};

}  // namespace costgate::filters::preflight
