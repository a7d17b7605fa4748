// Receipt: the last filter. When a request is admitted (its OnRequest runs after preflight, so
// only calls that will be forwarded) it submits an intent; at completion it turns the Exchange
// into the final Receipt of the same event_id and submits that. A crash between the two leaves
// the intent, which the next start closes as interrupted: a crash never loses a call.
//
// Routed requests whose operation is metered or unmetered get a receipt (Receipt::metered tells
// which), whatever their outcome; free operations and unrouted requests get none
// (receipt_policy.h). Counts submitted and unmetered receipts in FilterStats.
//
// Fail-closed: when the sink is not accepting (receipts.fail_closed set and the outbox failing
// or full), a call that would get a receipt is answered 503, reason "outbox_unavailable", and
// never forwarded.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "filters/filter.h"
#include "filters/filter_stats.h"
#include "filters/receipt.h"

namespace costgate::filters {

// What a receipt says about the machine, the same for every request.
struct ReceiptOrigin {
  std::string host;
  std::string daemon_version;
};

// Builds the receipt of a completed exchange: every field copied from `x`, its text bounded for
// central (receipt_text.h).
Receipt BuildReceipt(const Exchange& x, const ReceiptOrigin& origin);

// The intent of an admitted exchange: open, outcome interrupted ("in_flight"), estimated, units
// as estimated at admission (EstimateIntentUnits).
Receipt BuildIntent(const Exchange& x, const ReceiptOrigin& origin);

class ReceiptFilter final : public Filter {
 public:
  ReceiptFilter(const ReceiptOrigin& origin, ReceiptSink& sink, FilterStats& stats)
      : origin_(origin), sink_(sink), stats_(stats) {}
  Task<Next> OnRequest(Exchange& x) override;
  void OnComplete(Exchange& x) noexcept override;

 private:
  const ReceiptOrigin& origin_;
  ReceiptSink& sink_;
  FilterStats& stats_;
};

// `sink` and `stats` must outlive the factory and every filter it creates.
class ReceiptFilterFactory final : public FilterFactory {
 public:
  ReceiptFilterFactory(ReceiptOrigin origin, ReceiptSink& sink, FilterStats& stats)
      : origin_(std::move(origin)), sink_(sink), stats_(stats) {}
  std::string_view Name() const override { return "receipt"; }
  std::unique_ptr<Filter> Create() const override {
    return std::make_unique<ReceiptFilter>(origin_, sink_, stats_);
  }

 private:
  ReceiptOrigin origin_;
  ReceiptSink& sink_;
  FilterStats& stats_;
};

}  // namespace costgate::filters
