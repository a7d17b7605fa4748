// The reply to a call the budget gate denied: the provider's own error shape, so the app's SDK
// raises its usual error, naming the budget and when it resets.
//
// The status of a refusal on money is the one the provider itself gives an account out of quota
// (ProviderQuotaStatus): 429 for Google's APIs (RESOURCE_EXHAUSTED), 401 for ElevenLabs, whose
// SDKs retry a 429 after Retry-After (capped at 60 s) but never a 401.
//  - budget_exhausted: that status (ElevenLabs: {"detail":{"status":"budget_exhausted",
//    "message":...}}), Retry-After: whole seconds to the budget's period end (at least 1; none
//    when the gate does not know it).
//  - over_per_request_cap: that status, no Retry-After: the same call is refused whenever it is
//    sent.
//  - central_unreachable (fail-closed): 503 (UNAVAILABLE), no Retry-After and no
//    x-should-retry: a passing outage, which the SDK's own retries for 503 may outlast (the
//    OpenAI and ElevenLabs JS SDKs retry twice within seconds; @google/genai and the Cloud TTS
//    REST client do not retry); each retry is one more denied receipt at cost 0.
//  - any other reason the gate gives: as budget_exhausted without Retry-After.
// Every deny: x-costgate-reason and x-costgate-deny-reason: the reason, x-costgate-budget: the
// budget id (when named); all but 503 add x-should-retry: false, which the OpenAI SDKs honour
// instead of retrying into the same refusal.
#pragma once

#include "filters/exchange.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::filters::preflight {

// Fills x.reply (SetErrorReply, then the headers above). The time base of Retry-After is
// x.start_unix_ms.
void SetDenyReply(Exchange& x, const GateDecision& decision);

}  // namespace costgate::filters::preflight
