// The filter contract (STYLE.md "The shape of the proxy").
//
// A Filter is created fresh for each admitted request by its FilterFactory and lives until the
// request completes, so per-request state is plain members. Shared state lives in the factory
// and is const. Hooks run on the request's worker thread, in chain order (filters/chain.cpp).
#pragma once

#include <memory>
#include <string_view>

#include "filters/exchange.h"
#include "filters/task.h"

namespace costgate::filters {

enum class Next {
  kContinue,
  kAnswered,  // x.reply holds the response; later request filters and forwarding are skipped
  // The filter needs the request body before it can decide (preflight's estimate). The request
  // phase stops there; the daemon checks the body's size against its limits, answers
  // 100-continue, reads the body into the Exchange (at most x.request_body_limit bytes, which
  // the filter sets first: RequestBodyState) and runs the phase again from this same filter,
  // which then finds x.request_body_state != kUnread. Return it only while the state is
  // kUnread: the body is read once.
  kNeedBody,
};

class Filter {
 public:
  virtual ~Filter() = default;

  // Request phase (route, attribute, preflight). May edit x.request, may answer. May suspend
  // (preflight asking central): a filter that needs to wait is a Task coroutine and co_awaits an
  // Answer (filters/task.h); one that does not returns its Next, which costs no coroutine frame.
  // While a filter is suspended no other hook of the request runs. A daemon stop meanwhile
  // destroys the suspended Task (its frame and locals), and OnComplete still runs.
  virtual Task<Next> OnRequest(Exchange& x) {
    (void)x;
    return Next::kContinue;
  }

  // Request body bytes as they are forwarded upstream (transfer-decoded), after every
  // OnRequest returned kContinue (a body read before the decision, kNeedBody, is given here
  // then, once). Observe only, never block, keep memory bounded; `chunk` is valid only during
  // the call. A request answered locally is never forwarded: no calls.
  virtual void OnRequestBody(Exchange& x, std::string_view chunk) {
    (void)x;
    (void)chunk;
  }

  // Response phases: the bytes are already on their way to the client. Observe only, never
  // block, keep memory bounded. `chunk` is body data after transfer decoding (content
  // encoding, e.g. gzip, untouched), valid only during the call.
  virtual void OnResponseHead(Exchange& x) { (void)x; }
  virtual void OnResponseBody(Exchange& x, std::string_view chunk) {
    (void)x;
    (void)chunk;
  }

  // Exactly once per admitted request, on every path (answered locally, upstream failure,
  // client gone, success), in chain order, after the session set the outcome fields.
  virtual void OnComplete(Exchange& x) noexcept { (void)x; }
};

class FilterFactory {
 public:
  virtual ~FilterFactory() = default;
  virtual std::string_view Name() const = 0;
  virtual std::unique_ptr<Filter> Create() const = 0;
};

}  // namespace costgate::filters
