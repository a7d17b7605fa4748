// Meter: reads billable usage from the response as it streams to the client.
//
// OnResponseHead starts the provider's meter when the operation is metered and the status is
// 2xx (error bodies carry no usage). OnResponseBody feeds it each chunk: observe only, bounded
// memory, never blocks. OnComplete finishes it (a cut-off stream still yields what it reported)
// and fills x.units, x.model_version, x.usage_reported, x.malformed_units. Counts in
// FilterStats: malformed and oversized units, and metered 2xx responses with no usage reported.
#pragma once

#include <memory>

#include "filters/filter.h"
#include "filters/filter_stats.h"
#include "filters/usage_meter.h"

namespace costgate::filters {

class MeterFilter final : public Filter {
 public:
  explicit MeterFilter(FilterStats& stats) : stats_(stats) {}
  void OnResponseHead(Exchange& x) override;
  void OnResponseBody(Exchange& x, std::string_view chunk) override;
  void OnComplete(Exchange& x) noexcept override;

 private:
  FilterStats& stats_;
  std::unique_ptr<UsageMeter> meter_;  // only while metering a 2xx response
};

class MeterFilterFactory final : public FilterFactory {
 public:
  explicit MeterFilterFactory(FilterStats& stats) : stats_(stats) {}
  std::string_view Name() const override { return "meter"; }
  std::unique_ptr<Filter> Create() const override { return std::make_unique<MeterFilter>(stats_); }

 private:
  FilterStats& stats_;
};

}  // namespace costgate::filters
