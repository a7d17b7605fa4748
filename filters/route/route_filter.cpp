#include "filters/route/route_filter.h"

#include "filters/local_reply.h"

namespace costgate::filters {

Task<Next> RouteFilter::OnRequest(Exchange& x) {
  RouteDecision decision = table_.Decide(x.request);
  switch (decision.kind) {
    case RouteDecision::Kind::kBadTarget:
      SetErrorReply(x, 400, "bad_request_target", decision.message);
      return Next::kAnswered;
    case RouteDecision::Kind::kUnknown:
      SetErrorReply(x, 404, "unknown_route", decision.message);
      // Unrouted, so the generic shape: the listing tells the operator what would have matched.
      x.reply.body =
          GenericErrorBody(404, "unknown_route", decision.message, table_.routes_json_member());
      return Next::kAnswered;
    case RouteDecision::Kind::kAmbiguous:
      SetErrorReply(x, 404, "ambiguous_route", decision.message);
      return Next::kAnswered;
    case RouteDecision::Kind::kRouted:
      break;
  }
  const ProviderRoutes& routes = *decision.routes;
  x.provider = std::string(routes.provider);
  x.upstream_target = std::move(decision.upstream_target);
  const std::string_view upstream = x.upstream_target;
  const size_t question = upstream.find('?');
  const std::string_view path = upstream.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view{} : upstream.substr(question + 1);
  Operation operation = routes.classify(x.request.method, path, query);
  x.operation = std::move(operation.name);
  x.metering = operation.metering;
  x.model_requested = std::move(operation.model);
  x.stream_sse = operation.stream_sse;
  x.price_family = std::move(operation.price_family);
  return Next::kContinue;
}

}  // namespace costgate::filters
