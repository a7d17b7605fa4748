#include "daemon/central_api/api_body.h"

#include <algorithm>

#include "base/gzip_decoder.h"
#include "daemon/server/request_body.h"

namespace costgate::daemon::central_api {
namespace {

// Compressed bytes fed to the decoder at once: decoding stops within one such slice of the
// point where the decoded body passed a bound, so a small gzip bomb costs little CPU.
constexpr size_t kGunzipSlice = 16 * 1024;

BodyRead FromState(BudgetedBody::State state) {
  switch (state) {
    case BudgetedBody::State::kOk:
      return BodyRead::kDone;
    case BudgetedBody::State::kTooLarge:
      return BodyRead::kTooLarge;
    case BudgetedBody::State::kOverBudget:
      return BodyRead::kOverBudget;
  }
  return BodyRead::kOverBudget;
}

}  // namespace

Awaitable<BodyRead> ReadRequestBody(server::ClientConnection& client, BudgetedBody& body) {
  // Not `switch (co_await ...)`: GCC 12 miscompiles a co_await in a switch condition (the
  // awaited coroutine crashes).
  const server::BodyRead read = co_await server::ReadRequestBody(client, body);
  switch (read) {
    case server::BodyRead::kDone:
      co_return BodyRead::kDone;
    case server::BodyRead::kRefused:
      co_return FromState(body.state());
    case server::BodyRead::kMalformed:
      co_return BodyRead::kMalformed;
    case server::BodyRead::kTimedOut:
      co_return BodyRead::kTimedOut;
    case server::BodyRead::kClosed:
      break;
  }
  co_return BodyRead::kClosed;
}

BodyRead Gunzip(std::string_view compressed, BudgetedBody& plain) {
  base::GzipDecoder decoder(plain);
  while (!compressed.empty() && plain.state() == BudgetedBody::State::kOk && !decoder.corrupt()) {
    const size_t n = std::min(compressed.size(), kGunzipSlice);
    decoder.Feed(compressed.substr(0, n));
    compressed.remove_prefix(n);
  }
  if (plain.state() != BudgetedBody::State::kOk) {
    return FromState(plain.state());
  }
  decoder.Finish();
  return decoder.corrupt() || decoder.truncated() ? BodyRead::kMalformed : BodyRead::kDone;
}

}  // namespace costgate::daemon::central_api
