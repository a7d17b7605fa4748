// An alert as an Internet message (RFC 5322) for SMTP: headers, a blank line, the plain-text
// body, every line ending in CRLF. A subject that is not plain ASCII goes out as RFC 2047
// encoded words (UTF-8, base64); the body is UTF-8 text sent as 8bit.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "central/store/alert.h"

namespace costgate::central::alerts {

struct EmailEnvelope {
  std::string from;             // "costgate@example.com"
  std::vector<std::string> to;  // recipients, each an address
  int64_t date_unix_ms = 0;
  // Message-ID's left part: the same on every attempt of one delivery, so a receiver that got a
  // message whose acknowledgement was lost can drop the repeat.
  std::string message_key;  // "alert-12.delivery-3"
};

std::string EmailMessage(const EmailEnvelope& envelope, std::string_view subject,
                         std::string_view text);

// "a@example.com, b@example.com" -> {"a@example.com", "b@example.com"}: the recipients of an
// email delivery's target, as DeliveryTarget keeps them.
std::vector<std::string> SplitRecipients(std::string_view target);
std::string JoinRecipients(std::span<const std::string> addresses);

// RFC 5322 Date: "Tue, 01 Dec 2026 00:00:00 +0000".
std::string EmailDate(int64_t unix_ms);

// The subject as a header value: itself when it is printable ASCII, else encoded words.
std::string EncodeSubject(std::string_view subject);

}  // namespace costgate::central::alerts
