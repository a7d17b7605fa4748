#include "central/api/lease_request.h"

#include <array>
#include <limits>

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

FieldStatus ReadMoney(dom::element value, pricing::Money& out) {
  int64_t pico = 0;
  if (FieldStatus error = ReadInt(value, 0, std::numeric_limits<int64_t>::max(), pico)) {
    return error;
  }
  out = pricing::Money::FromPico(pico);
  return std::nullopt;
}

constexpr auto kEntryRules = std::to_array<FieldRule<LeaseEntry>>({
    {"budget_id", [](dom::element v, LeaseEntry& e) { return ReadNonEmptyString(v, e.budget_id); },
     true},
    {"period_key",
     [](dom::element v, LeaseEntry& e) { return ReadNonEmptyString(v, e.period_key); }, true},
    {"used_pico_usd", [](dom::element v, LeaseEntry& e) { return ReadMoney(v, e.used); }, true},
    {"need_pico_usd", [](dom::element v, LeaseEntry& e) { return ReadMoney(v, e.need); }},
    {"release", [](dom::element v, LeaseEntry& e) { return ReadBool(v, e.release); }},
});

FieldStatus ReadEntries(dom::element value, std::vector<LeaseEntry>& out) {
  dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) {
    return FieldError{"", "must be an array of leases"};
  }
  if (array.size() > kMaxLeaseEntries) {
    return FieldError{"", "must hold at most " + std::to_string(kMaxLeaseEntries) + " leases"};
  }
  out.clear();
  for (const dom::element element : array) {
    const std::string index = "[" + std::to_string(out.size()) + "]";
    LeaseEntry entry;
    if (FieldStatus error = ReadObject(element, kEntryRules, UnknownFields::kReject, entry)) {
      return Nest(std::move(*error), index);
    }
    for (const LeaseEntry& earlier : out) {
      if (earlier.budget_id == entry.budget_id && earlier.period_key == entry.period_key) {
        return FieldError{index, "names the lease of budget " + entry.budget_id + " in period " +
                                     entry.period_key + " a second time"};
      }
    }
    out.push_back(std::move(entry));
  }
  return std::nullopt;
}

constexpr auto kSyncRules = std::to_array<FieldRule<LeaseSyncRequest>>({
    {"holder", [](dom::element v, LeaseSyncRequest& r) { return ReadNonEmptyString(v, r.holder); },
     true},
    {"leases", [](dom::element v, LeaseSyncRequest& r) { return ReadEntries(v, r.leases); }},
});

}  // namespace

std::variant<LeaseSyncRequest, FieldError> ReadLeaseSync(dom::element body) {
  LeaseSyncRequest request;
  if (FieldStatus error = ReadObject(body, kSyncRules, UnknownFields::kReject, request)) {
    return std::move(*error);
  }
  return request;
}

}  // namespace costgate::central
