// POST /v1/usage/batch (docs/usage-batch.md): every event read, checked and priced on its own;
// the valid ones stored in one transaction; one result per event, in request order.
#include <string>
#include <variant>
#include <vector>

#include "central/api/api_error.h"
#include "central/api/batch_event.h"
#include "central/api/handlers.h"
#include "central/api/json_out.h"
#include "central/api/json_read.h"
#include "central/api/key_auth.h"
#include "central/api/reprice.h"

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

struct Rejection {
  std::string event_id;
  std::string field;  // "events[2].units.input_tokens"
  std::string reason;
};

// One result per event in request order: the index of its event in the accepted list, or of
// its rejection.
struct Slot {
  bool accepted;
  size_t index;
};

void AppendResult(std::string& out, std::string_view event_id, std::string_view status) {
  out.append(R"({"event_id":)");
  AppendJsonString(out, event_id);
  out.append(R"(,"status":)");
  AppendJsonString(out, status);
}

}  // namespace

ApiResponse HandleUsageBatch(const Call& call, uint32_t max_batch_events) {
  dom::element root;
  if (const auto error = ParseJsonBody(call.request.body).get(root)) {
    return InvalidJson(simdjson::error_message(error));
  }
  dom::array events;
  if (root.at_key("events").get_array().get(events) != simdjson::SUCCESS) {
    return InvalidField("events", "must be an array of events");
  }
  if (events.size() > max_batch_events) {
    return ErrorResponse(413, "too_many_events",
                         "a batch holds at most " + std::to_string(max_batch_events) + " events",
                         "events");
  }

  std::vector<Event> accepted;
  std::vector<Rejection> rejected;
  std::vector<Slot> slots;
  accepted.reserve(events.size());
  slots.reserve(events.size());
  for (const dom::element value : events) {
    const std::string path = "events[" + std::to_string(slots.size()) + "]";
    std::variant<Event, FieldError> read = ReadBatchEvent(value);
    if (FieldError* error = std::get_if<FieldError>(&read)) {
      slots.push_back({false, rejected.size()});
      rejected.push_back({EventIdOf(value), JoinPath(path, error->field), error->reason});
      continue;
    }
    Event& event = std::get<Event>(read);
    // A ship key speaks for its app as a V1 key does: an event labelled with another app is
    // refused alone (it would be stored under an app the key cannot write for).
    if (!ClaimSourceApp(call.key, event.source_app)) {
      slots.push_back({false, rejected.size()});
      rejected.push_back({event.event_id, path + ".labels.source_app", "source_app_mismatch"});
      continue;
    }
    if (!ClaimWorkspace(call.key, event.workspace)) {
      slots.push_back({false, rejected.size()});
      rejected.push_back({event.event_id, path + ".labels.workspace", "workspace_forbidden"});
      continue;
    }
    const std::string proxy_price_key = std::move(event.price_key);
    Reprice(call.book, event, proxy_price_key);
    event.received_unix_ms = call.request.now_unix_ms;
    slots.push_back({true, accepted.size()});
    accepted.push_back(std::move(event));
  }

  std::vector<InsertResult> inserted;
  if (!accepted.empty()) {
    StoreResult<std::vector<InsertResult>> result = InsertCounted(call, accepted);
    if (std::holds_alternative<StoreError>(result)) {
      return StoreUnavailable();
    }
    inserted = std::move(std::get<std::vector<InsertResult>>(result));
    if (inserted.size() != accepted.size()) {
      // The store broke its contract (one result per event): acknowledge nothing.
      return StoreUnavailable();
    }
  }

  ApiResponse response;
  std::string& out = response.body;
  out.reserve(64 + 80 * slots.size());
  out.append(R"({"results":[)");
  int64_t stored = 0;
  int64_t duplicate = 0;
  for (size_t k = 0; k < slots.size(); ++k) {
    if (k > 0) {
      out.push_back(',');
    }
    const Slot& slot = slots[k];
    if (slot.accepted) {
      const bool is_new = inserted[slot.index] == InsertResult::kStored;
      (is_new ? stored : duplicate) += 1;
      AppendResult(out, accepted[slot.index].event_id, is_new ? "stored" : "duplicate");
    } else {
      const Rejection& r = rejected[slot.index];
      AppendResult(out, r.event_id, "rejected");
      out.append(R"(,"field":)");
      AppendJsonString(out, r.field);
      out.append(R"(,"reason":)");
      AppendJsonString(out, r.reason);
    }
    out.push_back('}');
  }
  out.append(R"(],"stored":)");
  AppendJsonInt(out, stored);
  out.append(R"(,"duplicate":)");
  AppendJsonInt(out, duplicate);
  out.append(R"(,"rejected":)");
  AppendJsonInt(out, static_cast<int64_t>(rejected.size()));
  out.push_back('}');
  return response;
}

}  // namespace costgate::central
