#include "daemon/shipper/ship_response.h"

#include <simdjson.h>

#include <unordered_set>

namespace costgate::daemon::shipper {
namespace {

namespace ondemand = simdjson::ondemand;

struct Result {
  std::string_view event_id;
  std::string_view status;
  std::string_view field;
  std::string_view reason;
};

// Reads one element of "results"; the views point into the parser's buffer, valid until the
// next element is read.
std::optional<Result> ReadResult(ondemand::value element) {
  ondemand::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  Result result;
  bool has_id = false;
  bool has_status = false;
  for (auto member : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(member).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    std::string_view text;
    const bool is_string = field.value().get_string().get(text) == simdjson::SUCCESS;
    if (key == "event_id") {
      has_id = is_string;
      result.event_id = text;
    } else if (key == "status") {
      has_status = is_string;
      result.status = text;
    } else if (key == "field" && is_string) {
      result.field = text;
    } else if (key == "reason" && is_string) {
      result.reason = text;
    }
  }
  if (!has_id || !has_status) {
    return std::nullopt;
  }
  return result;
}

std::string RejectionReason(const Result& r) {
  if (r.field.empty()) {
    return std::string(r.reason);
  }
  if (r.reason.empty()) {
    return std::string(r.field);
  }
  return std::string(r.field) + ": " + std::string(r.reason);
}

}  // namespace

std::variant<ShipResults, std::string> ParseShipResponse(
    std::string_view body, std::span<const outbox::StoredReceipt> sent) {
  std::unordered_set<std::string_view> waiting;
  waiting.reserve(sent.size());
  for (const outbox::StoredReceipt& s : sent) {
    waiting.insert(s.receipt.event_id);
  }
  ondemand::parser parser;
  const simdjson::padded_string padded(body);
  ondemand::document doc;
  ondemand::array results;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.find_field_unordered("results").get_array().get(results) != simdjson::SUCCESS) {
    return std::string("central's answer has no \"results\" array");
  }
  ShipResults out;
  for (auto element : results) {
    ondemand::value value;
    if (std::move(element).get(value) != simdjson::SUCCESS) {
      return std::string("central's answer is not valid JSON");
    }
    const std::optional<Result> result = ReadResult(value);
    if (!result) {
      return std::string("a result in central's answer lacks a string event_id or status");
    }
    const auto it = waiting.find(result->event_id);
    const bool known_status =
        result->status == "stored" || result->status == "duplicate" || result->status == "rejected";
    if (it == waiting.end() || !known_status) {
      ++out.ignored;
      continue;
    }
    const std::string_view id = *it;  // points into `sent`, which outlives the parser
    waiting.erase(it);
    if (result->status == "rejected") {
      out.rejected.push_back({std::string(id), RejectionReason(*result)});
      continue;
    }
    (result->status == "stored" ? out.stored : out.duplicate) += 1;
    out.shipped.emplace_back(id);
  }
  return out;
}

}  // namespace costgate::daemon::shipper
