#include "daemon/budget/lease_gate.h"

#include "base/clock.h"
#include "daemon/budget/gate_decision.h"

namespace costgate::daemon::budget {

using filters::preflight::GateCall;
using filters::preflight::GateDecision;

int64_t LeaseGate::Now() const {
  return settings_.now_ms != nullptr ? settings_.now_ms() : base::NowUnixMs();
}

GateDecision LeaseGate::Counted(GateDecision d) {
  CountDecision(stats_, d, d.reservation != 0);
  return d;
}

std::optional<GateDecision> LeaseGate::Decided(const ReserveResult& r) {
  if (r.wants_sync) {
    client_.Poke();
  }
  switch (r.status) {
    case ReserveStatus::kHeld:
      return Counted(Allowed("", &r.budget, r.reservation, settings_.holder));
    case ReserveStatus::kUncovered:
      return Counted(Allowed("", nullptr, 0, settings_.holder));
    case ReserveStatus::kOverCap:
      return Counted(Denied(kOverPerRequestCap, &r.budget));
    case ReserveStatus::kExhausted:
      return Counted(Denied(kBudgetExhausted, &r.budget));
    case ReserveStatus::kNeedLease:
    case ReserveStatus::kNotSynced:
      return std::nullopt;
  }
  return std::nullopt;
}

filters::Task<GateDecision> LeaseGate::Reserve(const GateCall& call) {
  const ReserveResult r = book_.Reserve(call, Now());
  if (std::optional<GateDecision> d = Decided(r)) {
    return std::move(*d);
  }
  if (client_.unreachable()) {
    return FailRule(call);  // no wait for a central that did not answer last time
  }
  return ReserveAfterSync(call);
}

filters::Task<GateDecision> LeaseGate::ReserveAfterSync(GateCall call) {
  stats_.waited.fetch_add(1, std::memory_order_relaxed);
  filters::Answer<SyncOutcome> synced;
  client_.SyncFor(synced.sender());
  timer_.After(settings_.timeout,
               [sender = synced.sender()] { sender.Send(SyncOutcome::kTimedOut); });
  const SyncOutcome outcome = co_await synced;
  const ReserveResult r = book_.Reserve(call, Now());
  if (std::optional<GateDecision> d = Decided(r)) {
    co_return std::move(*d);
  }
  if (outcome == SyncOutcome::kAnswered && r.status == ReserveStatus::kNeedLease) {
    // Central answered this call's need and it still does not fit: no more to be had now.
    co_return Counted(Denied(kBudgetExhausted, &r.budget));
  }
  co_return FailRule(call);
}

GateDecision LeaseGate::FailRule(const GateCall& call) {
  const int64_t now = Now();
  if (!book_.synced()) {
    return Counted(settings_.fail_closed ? Denied(kCentralUnreachable, nullptr)
                                         : Allowed(kCentralUnreachable, nullptr, 0, ""));
  }
  if (std::optional<BudgetRef> closed = book_.FailClosedBudget(call, now, settings_.fail_closed)) {
    return Counted(Denied(kCentralUnreachable, &*closed));
  }
  const ReserveResult forced = book_.Reserve(call, now, HoldRule::kForced);
  if (forced.status == ReserveStatus::kOverCap) {
    return Counted(Denied(kOverPerRequestCap, &forced.budget));
  }
  const bool held = forced.status == ReserveStatus::kHeld;
  return Counted(Allowed(kCentralUnreachable, held ? &forced.budget : nullptr, forced.reservation,
                         settings_.holder));
}

void LeaseGate::Settle(uint64_t reservation, std::optional<pricing::Money> real_cost) noexcept {
  if (reservation != 0 && book_.Settle(reservation, real_cost)) {
    client_.Poke();
  }
}

}  // namespace costgate::daemon::budget
