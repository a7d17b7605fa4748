// Attribute: labels for the receipt, after route and before preflight (budgets are per label).
//
// x.labels = the sidecar's configured labels, then per-request headers: x-costgate-user,
// x-costgate-project (replaces the configured project), x-costgate-job, x-costgate-feature.
// Then every request header named x-costgate-* is removed: they are ours and never reach the
// provider. Provider credentials (x-goog-api-key, key=, Authorization) are never read or touched.
// Answers 400 "bad_label" (in the provider's error shape, naming the header) when one of those
// headers breaks the text rule of base/text_rule.h: longer than base::kMaxIdBytes, not UTF-8,
// or holding a control character. Central refuses such a label, and a receipt it refuses is
// never resent: the call is refused instead.
#pragma once

#include <memory>
#include <utility>

#include "config/config.h"
#include "filters/filter.h"

namespace costgate::filters {

class AttributeFilter final : public Filter {
 public:
  explicit AttributeFilter(const config::LabelsConfig& defaults) : defaults_(defaults) {}
  Task<Next> OnRequest(Exchange& x) override;

 private:
  const config::LabelsConfig& defaults_;
};

class AttributeFilterFactory final : public FilterFactory {
 public:
  explicit AttributeFilterFactory(config::LabelsConfig defaults) : defaults_(std::move(defaults)) {}
  std::string_view Name() const override { return "attribute"; }
  std::unique_ptr<Filter> Create() const override {
    return std::make_unique<AttributeFilter>(defaults_);
  }

 private:
  config::LabelsConfig defaults_;
};

}  // namespace costgate::filters
