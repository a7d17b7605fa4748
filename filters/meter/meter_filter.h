// Meter: reads what a metered call used, from the request body, the response head and the
// response body as they stream past (the provider's CallMeter decides which).
//
// The provider's meter is created for a metered operation at the first hook after routing; it
// sees the request body as it is forwarded (gunzipped on the side for it when the request is
// gzip-coded, RequestBodyDecoder) and the response as it is relayed: observe only, bounded
// memory, never blocks. OnComplete finishes it (a cut-off stream still yields what it
// reported, or an estimate) and fills x.units, x.model_version, x.usage_reported, x.estimated,
// x.malformed_units (a corrupt gzip request body counts as one). A free operation
// (countTokens) gets one `requests` unit. Counts in FilterStats: malformed and oversized units,
// and metered 2xx responses with no usage reported.
#pragma once

#include <memory>
#include <optional>

#include "filters/call_meter.h"
#include "filters/filter.h"
#include "filters/filter_stats.h"
#include "filters/meter/request_body_decoder.h"

namespace costgate::filters {

class MeterFilter final : public Filter {
 public:
  explicit MeterFilter(FilterStats& stats) : stats_(stats) {}
  void OnRequestBody(Exchange& x, std::string_view chunk) override;
  void OnResponseHead(Exchange& x) override;
  void OnResponseBody(Exchange& x, std::string_view chunk) override;
  void OnComplete(Exchange& x) noexcept override;

 private:
  CallMeter* MeterFor(const Exchange& x);

  FilterStats& stats_;
  bool created_ = false;
  std::unique_ptr<CallMeter> meter_;  // nullptr: not metered, or no meter for the provider
  std::optional<RequestBodyDecoder> request_body_;  // from the first request body byte
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
