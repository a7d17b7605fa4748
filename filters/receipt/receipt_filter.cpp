#include "filters/receipt/receipt_filter.h"

#include "filters/local_reply.h"
#include "filters/receipt/intent_estimate.h"
#include "filters/receipt/receipt_text.h"
#include "filters/receipt_policy.h"

namespace costgate::filters {

Receipt BuildReceipt(const Exchange& x, const ReceiptOrigin& origin) {
  Receipt r;
  r.event_id = x.event_id;
  r.start_unix_ms = x.start_unix_ms;
  r.end_unix_ms = x.end_unix_ms;
  r.host = origin.host;
  r.daemon_version = origin.daemon_version;
  r.labels = x.labels;
  r.provider = x.provider;
  r.operation = x.operation;
  r.metered = x.metering != Metering::kUnmetered;
  r.model_requested = x.model_requested;
  r.model_version = x.model_version;
  r.units = x.units;
  r.service_tier = !x.service_tier.empty() ? x.service_tier : x.traffic_type;
  r.cost = x.cost;
  r.pricing_version = x.pricing_version;
  r.price_key = x.price_key;
  r.unpriced_reason = x.unpriced_reason;
  r.pricing_notes = x.pricing_notes;
  r.outcome = x.outcome;
  r.reason = x.reason;
  r.http_status = x.http_status;
  r.latency_ms = x.latency_ms;
  r.ttfb_ms = x.ttfb_ms;
  r.request_bytes = x.request_bytes;
  r.response_bytes = x.response_bytes;
  r.estimated = x.estimated;
  r.estimated_cost = x.estimated_cost;
  r.estimate_method = x.estimate_method;
  r.budget_holder = x.budget_holder;
  BoundReceiptText(r);
  return r;
}

Receipt BuildIntent(const Exchange& x, const ReceiptOrigin& origin) {
  Receipt r = BuildReceipt(x, origin);
  r.open = true;
  r.end_unix_ms = x.start_unix_ms;
  r.outcome = Outcome::kInterrupted;
  r.reason = "in_flight";
  r.estimated = true;
  EstimateIntentUnits(x, r.units);
  return r;
}

Task<Next> ReceiptFilter::OnRequest(Exchange& x) {
  if (!ProducesReceipt(x)) {
    return Next::kContinue;
  }
  if (!sink_.accepting()) {
    SetErrorReply(x, 503, "outbox_unavailable",
                  "costgate: the call's receipt cannot be stored (the receipts database is "
                  "failing or full) and receipts.fail_closed is set");
    return Next::kAnswered;
  }
  sink_.Submit(BuildIntent(x, origin_));
  Count(stats_.intents_submitted);
  return Next::kContinue;
}

void ReceiptFilter::OnComplete(Exchange& x) noexcept {
  if (!ProducesReceipt(x)) {
    return;
  }
  Receipt receipt = BuildReceipt(x, origin_);
  const bool metered = receipt.metered;
  sink_.Submit(std::move(receipt));
  Count(stats_.receipts_submitted);
  if (!metered) {
    Count(stats_.unmetered_receipts);
  }
}

}  // namespace costgate::filters
