// POST /v1/usage/record (../shared/V1-API.md). Its request_id settles the holds of the
// preflight that returned it (Store::InsertEvents).
#include <string>
#include <variant>

#include "base/uuid7.h"
#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_out.h"
#include "central/api/key_auth.h"
#include "central/api/reprice.h"
#include "central/api/v1_body.h"
#include "central/api/v1_requests.h"

namespace costgate::central {

ApiResponse HandleUsageRecord(const Call& call) {
  std::variant<RecordRequest, ApiResponse> read =
      ReadV1Body<RecordRequest>(call.request.body, ReadRecord);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  RecordRequest& request = std::get<RecordRequest>(read);
  if (std::optional<ApiResponse> refused = CheckSourceApp(call.key, request.source_app)) {
    return std::move(*refused);
  }
  const int64_t now = call.request.now_unix_ms;
  Event event;
  // A fresh id rather than the request_id: clients send "" or null for it, or may reuse one;
  // the preflight's id is kept on the event to tie the two together.
  event.event_id = base::NewUuidV7(now);
  event.origin = "record";
  event.request_id = std::move(request.request_id);
  event.end_unix_ms = now;
  event.start_unix_ms = request.latency_ms < now ? now - request.latency_ms : 0;
  event.latency_ms = request.latency_ms;
  event.source_app = std::move(request.source_app);
  ClaimWorkspace(call.key, event.workspace);  // "" is always claimable: the key's, or none
  event.project = std::move(request.project);
  event.user = std::move(request.user);
  event.job = std::move(request.job);
  event.model = std::move(request.model);
  event.units = std::move(request.units);
  event.status = std::move(request.status);
  event.received_unix_ms = now;
  Reprice(call.book, event);

  StoreResult<std::vector<InsertResult>> stored = InsertCounted(call, {&event, 1});
  if (std::holds_alternative<StoreError>(stored)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  std::string& out = response.body;
  out.append(R"({"event_id":)");
  AppendJsonString(out, event.event_id);
  out.append(R"(,"cost_usd":)");
  out.append(event.cost ? UsdNumber(*event.cost) : "null");
  out.push_back('}');
  return response;
}

}  // namespace costgate::central
