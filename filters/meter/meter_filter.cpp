#include "filters/meter/meter_filter.h"

#include "filters/meter/provider_meter.h"

namespace costgate::filters {

CallMeter* MeterFilter::MeterFor(const Exchange& x) {
  if (!created_) {
    created_ = true;
    if (x.metering == Metering::kMetered) {
      meter_ = CreateCallMeter(x);
    }
  }
  return meter_.get();
}

void MeterFilter::OnRequestBody(Exchange& x, std::string_view chunk) {
  if (CallMeter* meter = MeterFor(x)) {
    if (!request_body_.has_value()) {
      request_body_.emplace(x.request.headers, *meter);
    }
    request_body_->Feed(chunk);
  }
}

void MeterFilter::OnResponseHead(Exchange& x) {
  if (!x.response.has_value()) {
    return;
  }
  if (CallMeter* meter = MeterFor(x)) {
    meter->OnResponseHead(*x.response);
  }
}

void MeterFilter::OnResponseBody(Exchange& x, std::string_view chunk) {
  if (CallMeter* meter = MeterFor(x)) {
    meter->OnResponseBody(chunk);
  }
}

void MeterFilter::OnComplete(Exchange& x) noexcept {
  if (x.metering == Metering::kFree && !x.provider.empty()) {
    // Recorded as a call that costs nothing (pricing prices a lone `requests` unit at 0).
    x.units.clear();
    x.units.Set(kUnitRequests, 1);
    return;
  }
  CallMeter* meter = nullptr;
  try {
    meter = MeterFor(x);
  } catch (...) {
    return;  // no memory for a meter: the call goes unmetered rather than failing completion
  }
  if (meter == nullptr) {
    return;
  }
  MeteredUsage usage;
  meter->Finish(x, usage);
  if (request_body_.has_value()) {
    usage.malformed += request_body_->malformed();
    usage.oversized += request_body_->oversized();
  }
  x.units = usage.units;
  x.model_version = usage.model_version;
  if (x.model_requested.empty()) {
    x.model_requested = std::move(usage.model_requested);
  }
  x.service_tier = usage.service_tier;
  x.traffic_type = usage.traffic_type;
  x.usage_reported = usage.reported;
  x.estimated = x.estimated || usage.estimated;
  x.malformed_units = usage.malformed;
  Count(stats_.meter_malformed_units, usage.malformed);
  Count(stats_.meter_oversized_units, usage.oversized);
  const bool success_status =
      x.response.has_value() && x.response->status >= 200 && x.response->status <= 299;
  if (success_status && !usage.reported) {
    Count(stats_.usage_missing);
  }
}

}  // namespace costgate::filters
