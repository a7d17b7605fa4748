// Route: the first filter. Picks the provider, upstream target and operation of a request.
//
// Sets x.provider, x.upstream_target, x.operation, x.metering, x.model_requested, x.stream_sse.
// Answers itself (never forwards) when the target is unsafe (400 bad_request_target), when no
// provider serves it (404 unknown_route, listing the routes), or when several providers serve
// the path and the headers do not pick one (404 ambiguous_route, naming the deciding headers).
#pragma once

#include <memory>
#include <utility>

#include "filters/filter.h"
#include "filters/route/route_table.h"

namespace costgate::filters {

class RouteFilter final : public Filter {
 public:
  explicit RouteFilter(const RouteTable& table) : table_(table) {}
  Task<Next> OnRequest(Exchange& x) override;

 private:
  const RouteTable& table_;
};

class RouteFilterFactory final : public FilterFactory {
 public:
  explicit RouteFilterFactory(std::shared_ptr<const RouteTable> table) : table_(std::move(table)) {}
  std::string_view Name() const override { return "route"; }
  std::unique_ptr<Filter> Create() const override { return std::make_unique<RouteFilter>(*table_); }

 private:
  std::shared_ptr<const RouteTable> table_;
};

}  // namespace costgate::filters
