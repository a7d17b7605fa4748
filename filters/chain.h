// The filter chain of one config generation.
//
// Built once from validated config when the config is (re)loaded; const afterwards and shared by
// every worker thread. For each admitted request the daemon:
//   1. filters = chain.CreateFilters();
//   2. calls OnRequest on each filter in order until one returns Next::kAnswered
//      (RunRequestFilters, filters/request_phase.h), awaiting a filter that suspends; a filter
//      that returns Next::kNeedBody gets the request body read and is run again;
//   3. if none answered, forwards x.request to x.upstream_target (between preflight and meter);
//   4. calls OnResponseHead / OnResponseBody on every filter as the response streams;
//   5. sets the outcome fields, then calls OnComplete on every filter in order, exactly once,
//      under a scope guard so that no exit path skips it.
// Filters borrow from the chain (route table, labels, receipt origin): the chain must outlive
// every filter it created, so a config reload keeps the old chain (e.g. in a shared_ptr held by
// each session) until its last request has completed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "filters/filter.h"
#include "filters/filter_stats.h"
#include "filters/preflight/budget_gate.h"
#include "filters/receipt.h"
#include "filters/route/route_table.h"
#include "pricing/book_holder.h"

namespace costgate::filters {

namespace preflight {
class BudgetGate;
}

struct ChainInfo {
  std::string host;     // hostname stamped on receipts
  std::string version;  // daemon version stamped on receipts
};

class FilterChain {
 public:
  // An empty chain: no routes, no filters (a role that forwards nothing).
  FilterChain() = default;

  // `sink`, `stats`, `prices` and `gate` must outlive the chain and every filter it creates.
  // `gate` nullptr: preflight off. The chain then has no preflight and no settle filter at all:
  // no body is read before forwarding, nothing is estimated, nothing costs a request more.
  static FilterChain Build(const config::Config& config, ReceiptSink& sink, FilterStats& stats,
                           const pricing::PriceBookHolder& prices, ChainInfo info,
                           preflight::BudgetGate* gate = nullptr);

  // Fresh filters for one request, in chain order.
  std::vector<std::unique_ptr<Filter>> CreateFilters() const;

  // The routes this generation serves (startup log, 404 bodies).
  const std::vector<RouteDescription>& RouteDescriptions() const noexcept {
    static const std::vector<RouteDescription> kNone;
    return routes_ != nullptr ? routes_->descriptions() : kNone;
  }

  // Factory names in chain order ("route", "attribute", ...), for logs and tests.
  std::vector<std::string_view> FilterNames() const;

 private:
  std::shared_ptr<const RouteTable> routes_;
  std::vector<std::unique_ptr<FilterFactory>> factories_;
};

}  // namespace costgate::filters
