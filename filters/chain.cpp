#include "filters/chain.h"

#include "filters/attribute/attribute_filter.h"
#include "filters/meter/meter_filter.h"
#include "filters/preflight/preflight_filter.h"
#include "filters/price/price_filter.h"
#include "filters/receipt/receipt_filter.h"
#include "filters/route/builtin_routes.h"
#include "filters/route/route_filter.h"

namespace costgate::filters {

FilterChain FilterChain::Build(const config::Config& config, ReceiptSink& sink, FilterStats& stats,
                               const pricing::PriceBookHolder& prices, ChainInfo info,
                               [[maybe_unused]] preflight::BudgetGate* gate) {
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
  // preflight: the last request filter, so a refused call is never forwarded and costs nothing.
  f.push_back(std::make_unique<PreflightFilterFactory>());
  // (the daemon forwards here)
  // meter: reads the response; the first of the completion filters because price needs units.
  f.push_back(std::make_unique<MeterFilterFactory>(stats));
  // price: turns units into cost before the receipt records it.
  f.push_back(std::make_unique<PriceFilterFactory>(prices, stats));
  // receipt: last, so it records what every filter before it concluded.
  f.push_back(std::make_unique<ReceiptFilterFactory>(
      ReceiptOrigin{.host = std::move(info.host), .daemon_version = std::move(info.version)}, sink,
      stats));
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
