// Budget settle: gives the gate the real cost of a call the preflight reserved for, exactly once,
// at completion (BudgetGate::Settle). The last filter of the chain: it needs the cost that
// price computed, and the hold is let go only once the receipt that replaces it has been
// submitted.
//
// The cost settled is the receipt's (x.cost; unpriced: nullopt) for a call that went out to the
// provider (x.sent_upstream), else 0: refused, answered locally, failed before sending, client
// gone or daemon stopped before it was sent. A cancelled stream settles what it was metered at.
// Completion runs on every exit path (filters/chain.h), so every reservation is settled.
#pragma once

#include <memory>

#include "filters/filter.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::filters::preflight {

class BudgetSettleFilter final : public Filter {
 public:
  explicit BudgetSettleFilter(BudgetGate& gate) : gate_(gate) {}
  void OnComplete(Exchange& x) noexcept override;

 private:
  BudgetGate& gate_;
};

// `gate` must outlive the factory and every filter it creates.
class BudgetSettleFilterFactory final : public FilterFactory {
 public:
  explicit BudgetSettleFilterFactory(BudgetGate& gate) : gate_(gate) {}
  std::string_view Name() const override { return "budget_settle"; }
  std::unique_ptr<Filter> Create() const override {
    return std::make_unique<BudgetSettleFilter>(gate_);
  }

 private:
  BudgetGate& gate_;
};

}  // namespace costgate::filters::preflight
