#include "filters/preflight/preflight_filter.h"

#include <limits>

#include "filters/preflight/call_input.h"
#include "filters/preflight/deny_reply.h"
#include "filters/preflight/estimate.h"

namespace costgate::filters::preflight {

using Reason = UncheckedCalls::Reason;

Task<Next> PreflightFilter::OnRequest(Exchange& x) {
  if (x.provider.empty() || x.metering == Metering::kPassThrough) {
    return Next::kContinue;
  }
  if (x.metering == Metering::kUnmetered) {
    stats_.preflight_unchecked.Add(x.provider, Reason::kUnmeteredOperation);
    return Next::kContinue;
  }
  if (x.request_body_state == RequestBodyState::kUnread) {
    x.request_body_limit = settings_.max_buffered_body_bytes;
    return Next::kNeedBody;
  }
  EstimateCost(x);
  Task<GateDecision> decision = gate_.Reserve(call_);
  if (decision.ready()) {
    return Decide(x, decision.value());  // the lease fast path: no coroutine frame
  }
  return AwaitDecision(x, std::move(decision));
}

void PreflightFilter::EstimateCost(Exchange& x) {
  const CallInput input(x, settings_.max_buffered_body_bytes);
  EstimateResult result = EstimateCall(
      input.request(),
      {.default_output_tokens = settings_.default_output_tokens, .per_request_output_cap = {}});
  if (!result.estimate.has_value()) {
    // A count beyond int64 (an output limit no model has): never a small estimate. The gate
    // holds the most there is, so any hard budget covering the call refuses it.
    x.estimate_method = std::string(result.error);
    model_ = x.model_requested;
    call_ = {.x = &x,
             .model = model_,
             .estimate = pricing::Money::FromPico(std::numeric_limits<int64_t>::max()),
             .exact = false};
    return;
  }
  Estimate& e = *result.estimate;
  const EstimatePrice price = PriceEstimate(
      prices_.Current(), x.price_family.empty() ? x.provider : x.price_family, e, x.start_unix_ms);
  x.estimated_cost = price.cost;
  x.estimate_method = std::string(e.method);
  if (!e.output_method.empty()) {
    x.estimate_method.push_back('+');
    x.estimate_method.append(e.output_method);
  }
  model_ = std::move(e.model_requested);
  units_ = std::move(e.units);
  call_ = {.x = &x,
           .model = model_,
           .estimate = price.cost,
           .exact = e.exact && price.cost,
           .units = &units_};
}

Task<Next> PreflightFilter::AwaitDecision(Exchange& x, Task<GateDecision> pending) {
  const GateDecision decision = co_await std::move(pending);
  co_return Decide(x, decision);
}

Next PreflightFilter::Decide(Exchange& x, const GateDecision& decision) {
  if (decision.verdict == GateVerdict::kDeny) {
    SetDenyReply(x, decision);
    return Next::kAnswered;
  }
  x.budget_reservation = decision.reservation;
  x.budget_holder = decision.budget_holder;
  if (decision.reason == "central_unreachable") {
    stats_.preflight_unchecked.Add(x.provider, Reason::kCentralUnreachable);
  } else if (!call_.estimate.has_value()) {
    stats_.preflight_unchecked.Add(x.provider, Reason::kUnpricedEstimate);
  }
  return Next::kContinue;
}

}  // namespace costgate::filters::preflight
