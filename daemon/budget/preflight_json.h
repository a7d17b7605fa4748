// The JSON of preflight.mode `central`: the POST /v1/preflight request the proxy sends for a
// call, and central's answer (budgets-design.md, "/v1/preflight"; V1-API.md).
//
// The request is V1's (user_external_id, project_external_id, job_external_id, source_app,
// model, estimated_units) with the design's optional extensions (request_id: the call's
// event_id, so the receipt's event settles the hold; provider, workspace, team, environment)
// and two of ours, which a central that does not know them ignores (V1 readers ignore unknown
// fields): `estimated_cost_pico_usd`, the proxy's own priced estimate (omitted when unpriced),
// and `estimate_exact`, whether that estimate is what the provider will bill (the per-request
// cap rule needs it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::budget {

std::string PreflightRequestJson(const filters::preflight::GateCall& call);

// Central's 200 answer as a decision: {"allow":true,...} allows (nothing held here: central
// holds under request_id); {"allow":false,"deny_reason":"...","budget":{"id","name",
// "reset_unix_ms"}} denies with reason budget_exhausted, or `deny_code` when central names one
// of ours ("over_per_request_cap"). nullopt: not such an answer.
std::optional<filters::preflight::GateDecision> ReadPreflightAnswer(std::string_view body);

}  // namespace costgate::daemon::budget
