// Preflight: the budget check's place in the chain, after attribute (budgets are keyed by labels)
// and before forwarding (a refused call must cost nothing).
//
// A no-op that always continues: budgets, cost estimates and deny replies come in a later issue.
// It exists now so the chain order, and the daemon's handling of a request filter, are final.
#pragma once

#include <memory>

#include "filters/filter.h"

namespace costgate::filters {

class PreflightFilter final : public Filter {};

class PreflightFilterFactory final : public FilterFactory {
 public:
  std::string_view Name() const override { return "preflight"; }
  std::unique_ptr<Filter> Create() const override { return std::make_unique<PreflightFilter>(); }
};

}  // namespace costgate::filters
