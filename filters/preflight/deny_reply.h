// The reply to a call the budget gate denied: the provider's own error shape, so the app's SDK
// raises its usual error, naming the budget and when it resets.
//
//  - budget_exhausted: 429 (Google APIs: RESOURCE_EXHAUSTED; ElevenLabs: {"detail":{"status":
//    "budget_exhausted","message":...}}), Retry-After: whole seconds to the budget's period end
//    (at least 1; none when the gate does not know it).
//  - over_per_request_cap: 429, no Retry-After: the same call is refused whenever it is sent.
//  - central_unreachable (fail-closed): 503 (UNAVAILABLE), no Retry-After and no
//    x-should-retry: a passing outage, which the SDK's own retries for 503 may outlast; each
//    retry is one more denied receipt at cost 0.
//  - any other reason the gate gives: 429, as budget_exhausted without Retry-After.
// Every deny: x-costgate-reason and x-costgate-deny-reason: the reason, x-costgate-budget: the
// budget id (when named); 429s add x-should-retry: false, which the OpenAI SDKs honour instead of
// retrying into the same refusal.
#pragma once

#include "filters/exchange.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::filters::preflight {

// Fills x.reply (SetErrorReply, then the headers above). The time base of Retry-After is
// x.start_unix_ms.
void SetDenyReply(Exchange& x, const GateDecision& decision);

}  // namespace costgate::filters::preflight
