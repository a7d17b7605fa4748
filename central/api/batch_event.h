// One event of a POST /v1/usage/batch body (docs/usage-batch.md), read strictly: every field
// typed, unknown fields rejected, required ones present.
#pragma once

#include <simdjson.h>

#include <string>
#include <variant>

#include "central/api/json_read.h"
#include "central/store/event.h"

namespace costgate::central {

// The event as the proxy sent it: origin "proxy"; the wire's cost_pico_usd and pricing_version
// become proxy_cost and proxy_pricing_version; price_key holds the proxy's key until Reprice
// (reprice.h), which takes it as its first guess, sets central's price and key.
// An error's field is relative to the event ("units.input_tokens").
std::variant<Event, FieldError> ReadBatchEvent(simdjson::dom::element value);

// The event_id of an event that failed to read, when it has a string one; "" otherwise.
std::string EventIdOf(simdjson::dom::element value);

}  // namespace costgate::central
