#include "filters/meter/meter_filter.h"

#include "filters/meter/provider_meter.h"

namespace costgate::filters {

void MeterFilter::OnResponseHead(Exchange& x) {
  if (x.metering != Metering::kMetered || !x.response.has_value()) {
    return;
  }
  if (x.response->status < 200 || x.response->status > 299) {
    return;
  }
  meter_ = CreateProviderMeter(x);
}

void MeterFilter::OnResponseBody(Exchange& x, std::string_view chunk) {
  (void)x;
  if (meter_ != nullptr) {
    meter_->Feed(chunk);
  }
}

void MeterFilter::OnComplete(Exchange& x) noexcept {
  if (meter_ == nullptr) {
    return;
  }
  meter_->Finish();
  const MeteredUsage& usage = meter_->usage();
  x.units = usage.units;
  x.model_version = usage.model_version;
  x.service_tier = usage.service_tier;
  x.traffic_type = usage.traffic_type;
  x.usage_reported = usage.reported;
  x.malformed_units = usage.malformed;
  Count(stats_.meter_malformed_units, usage.malformed);
  Count(stats_.meter_oversized_units, usage.oversized);
  if (!usage.reported) {
    Count(stats_.usage_missing);
  }
}

}  // namespace costgate::filters
