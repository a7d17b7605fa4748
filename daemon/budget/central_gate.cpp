#include "daemon/budget/central_gate.h"

#include "daemon/budget/gate_decision.h"
#include "daemon/budget/preflight_json.h"

namespace costgate::daemon::budget {

using filters::preflight::GateDecision;

filters::Task<GateDecision> CentralGate::Reserve(const filters::preflight::GateCall& call) {
  // The body is made before the call's views are left behind: the coroutine keeps only it.
  return Ask(PreflightRequestJson(call));
}

filters::Task<GateDecision> CentralGate::Ask(std::string body) {
  stats_.waited.fetch_add(1, std::memory_order_relaxed);
  filters::Answer<shipper::PostResult> answer;
  transport_.Post(std::move(body), settings_.timeout,
                  [sender = answer.sender()](shipper::PostResult r) { sender.Send(std::move(r)); });
  timer_.After(settings_.timeout, [sender = answer.sender()] {
    sender.Send(shipper::PostResult{0, {}, "timeout"});
  });
  const shipper::PostResult result = co_await answer;
  std::optional<GateDecision> decision;
  if (result.status == 200) {
    decision = ReadPreflightAnswer(result.body);
  }
  if (!decision) {
    decision = settings_.fail_closed ? Denied(kCentralUnreachable, nullptr)
                                     : Allowed(kCentralUnreachable, nullptr, 0, "");
  }
  CountDecision(stats_, *decision, decision->reason.empty());
  co_return std::move(*decision);
}

}  // namespace costgate::daemon::budget
