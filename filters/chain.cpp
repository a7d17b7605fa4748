#include "filters/chain.h"

#include "filters/attribute/attribute_filter.h"
#include "filters/meter/meter_filter.h"
#include "filters/preflight/preflight_filter.h"
#include "filters/preflight/settle_filter.h"
#include "filters/price/price_filter.h"
#include "filters/receipt/receipt_filter.h"
#include "filters/route/builtin_routes.h"
#include "filters/route/route_filter.h"

namespace costgate::filters {

FilterChain FilterChain::Build(const config::Config& config, ReceiptSink& sink, FilterStats& stats,
                               const pricing::PriceBookHolder& prices, ChainInfo info,
                               preflight::BudgetGate* gate) {
  FilterChain chain;
  chain.routes_ = std::make_shared<const RouteTable>(config, BuiltinProviderRoutes());

  // The chain order, written once. Each position depends on what the ones before it wrote.
  auto& f = chain.factories_;
  // route: everything after it needs to know the provider and operation, and an unroutable or
  // unsafe request must be refused before anything else looks at it.
  f.push_back(std::make_unique<RouteFilterFactory>(chain.routes_));
  // attribute: labels come before preflight because budgets are kept per label; it also strips
  // our x-costgate-* headers before anything is forwarded.
  f.push_back(std::make_unique<AttributeFilterFactory>(config.labels));
  // preflight: after the labels its budgets are kept by, before receipt's intent (a refused call
  // is never forwarded, costs nothing and needs no intent). Absent when preflight is off.
  if (gate != nullptr) {
    f.push_back(std::make_unique<preflight::PreflightFilterFactory>(
        *gate, prices,
        preflight::PreflightSettings{
            .default_output_tokens = static_cast<int64_t>(config.preflight.default_output_tokens),
            .max_buffered_body_bytes = config.preflight.max_buffered_body_bytes},
        stats));
  }
  // (the daemon forwards here)
  // meter: reads the response; the first of the completion filters because price needs units.
  f.push_back(std::make_unique<MeterFilterFactory>(stats));
  // price: turns units into cost before the receipt records it.
  f.push_back(std::make_unique<PriceFilterFactory>(prices, stats));
  // receipt: after price, so it records what every filter before it concluded.
  f.push_back(std::make_unique<ReceiptFilterFactory>(
      ReceiptOrigin{.host = std::move(info.host), .daemon_version = std::move(info.version)}, sink,
      stats));
  // budget_settle: after price (it settles the real cost) and after receipt (a hold is let go
  // only once the receipt that replaces it is submitted).
  if (gate != nullptr) {
    f.push_back(std::make_unique<preflight::BudgetSettleFilterFactory>(*gate));
  }
  return chain;
}

std::vector<std::unique_ptr<Filter>> FilterChain::CreateFilters() const {
  std::vector<std::unique_ptr<Filter>> filters;
  filters.reserve(factories_.size());
  for (const auto& factory : factories_) {
    filters.push_back(factory->Create());
  }
  return filters;
}

std::vector<std::string_view> FilterChain::FilterNames() const {
  std::vector<std::string_view> names;
  names.reserve(factories_.size());
  for (const auto& factory : factories_) {
    names.push_back(factory->Name());
  }
  return names;
}

}  // namespace costgate::filters
