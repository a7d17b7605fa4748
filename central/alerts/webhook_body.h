// The JSON a webhook receives for an alert (README "Alerts"):
//   {"text":"<the message's first sentence, Slack mrkdwn-escaped>",
//    "budget":{"id","name","period","period_key","period_start_unix_ms","period_end_unix_ms",
//              "amount_usd","amount_pico_usd"},
//    "alert":{"id","kind","threshold_percent","fired_unix_ms","spent_usd","spent_pico_usd",
//             "projected_usd","projected_pico_usd","subject","message"},
//    "delivery":{"id","attempt","timestamp"}}
// "text" makes it a valid Slack (and Mattermost, Google Chat) incoming-webhook payload as it is.
// "delivery.timestamp" equals the X-Costgate-Timestamp header (unix seconds), so the signature,
// which covers the body, covers the time too: a receiver can refuse an old replay. "delivery.id"
// is the same on every attempt of one delivery: a receiver can drop a repeat.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "central/store/alert.h"

namespace costgate::central::alerts {

std::string WebhookBody(const Alert& alert, int64_t delivery_id, int attempt,
                        int64_t timestamp_unix_s);

// Slack's escaping of message text: &, < and > as entities (nothing else is special).
std::string SlackEscape(std::string_view text);

// The value of the X-Costgate-Signature header for `body` signed with `secret`:
// "sha256=<lowercase hex HMAC-SHA256>".
std::string WebhookSignature(std::string_view secret, std::string_view body);

}  // namespace costgate::central::alerts
