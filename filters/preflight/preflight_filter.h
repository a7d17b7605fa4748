// Preflight: the budget check's place in the chain, after attribute (budgets are kept per label)
// and before forwarding (a refused call must cost nothing). Only in the chain when the daemon
// has a BudgetGate (preflight.mode not off): without one the chain has no preflight at all.
//
// For a routed call whose operation is metered or free:
//  1. It asks for the request body (Next::kNeedBody, up to preflight.max_buffered_body_bytes),
//     once: the estimate reads the characters, the text and the output limit in it.
//  2. It estimates the call (EstimateCall, preflight.default_output_tokens) and prices the
//     estimate with the receipt's price book at the call's start (PriceEstimate), and writes
//     x.estimated_cost and x.estimate_method ("method", or "method+output_method").
//  3. It asks the gate (BudgetGate::Reserve), awaiting it when the gate suspends. Allowed: the
//     call goes on with x.budget_reservation and x.budget_holder set, for BudgetSettleFilter to
//     settle at completion. Denied: it answers with the deny reply (deny_reply.h); the session
//     records the call as denied, at cost 0.
// An unmetered operation on a known provider is let through unchecked and counted
// (FilterStats::preflight_unchecked), as is an allowed call whose estimate has no price, or that
// the gate allowed without a check (fail-open). Pass-through operations are not calls anyone
// pays for: no check.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "filters/filter.h"
#include "filters/filter_stats.h"
#include "filters/preflight/budget_gate.h"
#include "pricing/book_holder.h"

namespace costgate::filters::preflight {

struct PreflightSettings {
  int64_t default_output_tokens = 1024;        // preflight.default_output_tokens
  uint64_t max_buffered_body_bytes = 1 << 20;  // preflight.max_buffered_body_bytes
};

class PreflightFilter final : public Filter {
 public:
  PreflightFilter(BudgetGate& gate, const pricing::PriceBookHolder& prices,
                  const PreflightSettings& settings, FilterStats& stats)
      : gate_(gate), prices_(prices), settings_(settings), stats_(stats) {}
  Task<Next> OnRequest(Exchange& x) override;

 private:
  void EstimateCost(Exchange& x);
  Task<Next> AwaitDecision(Exchange& x, Task<GateDecision> pending);
  Next Decide(Exchange& x, const GateDecision& decision);

  BudgetGate& gate_;
  const pricing::PriceBookHolder& prices_;
  const PreflightSettings& settings_;
  FilterStats& stats_;
  // What Reserve is given; kept here because a suspended Reserve still reads it.
  std::string model_;
  Units units_;
  GateCall call_;
};

// `gate`, `prices` and `stats` must outlive the factory and every filter it creates.
class PreflightFilterFactory final : public FilterFactory {
 public:
  PreflightFilterFactory(BudgetGate& gate, const pricing::PriceBookHolder& prices,
                         PreflightSettings settings, FilterStats& stats)
      : gate_(gate), prices_(prices), settings_(settings), stats_(stats) {}
  std::string_view Name() const override { return "preflight"; }
  std::unique_ptr<Filter> Create() const override {
    return std::make_unique<PreflightFilter>(gate_, prices_, settings_, stats_);
  }

 private:
  BudgetGate& gate_;
  const pricing::PriceBookHolder& prices_;
  const PreflightSettings settings_;
  FilterStats& stats_;
};

}  // namespace costgate::filters::preflight
