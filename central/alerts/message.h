// The words of an alert: a subject line and a plain-text body, written once when the alert fires
// (from the budget as it is then) and stored with it, so every channel and every retry sends the
// same message and the alert log shows it. No links: the text stands on its own.
#pragma once

#include <string>

#include "central/budgets/time_zone.h"
#include "central/store/alert.h"
#include "central/store/budget.h"
#include "pricing/money.h"

namespace costgate::central::alerts {

struct AlertMessage {
  std::string subject;  // one line
  std::string text;     // paragraphs separated by blank lines; its first line is one sentence
};

// The message of `alert` (every field but subject and text set) for `budget`, whose periods are
// cut in `zone`.
//   Budget "Team video" reached 80%: $12.34 of $15.00 (monthly, 2026-12)
//   Budget "Team video" is forecast to exceed $15.00 by 2027-01-01 00:00 Europe/Berlin
AlertMessage WriteAlertMessage(const Alert& alert, const Budget& budget,
                               const budgets::TimeZone& zone);

// An amount for people: "$12.34"; below a dollar up to six decimals ("$0.0042"), at least two.
std::string UsdText(pricing::Money amount);

// The instant as the zone's local time: "2027-01-01 00:00 Europe/Berlin".
std::string LocalTimeText(int64_t unix_ms, const budgets::TimeZone& zone);

// The instant in UTC, RFC 3339 to the second: "2026-12-31T23:00:00Z".
std::string UtcTimeText(int64_t unix_ms);

}  // namespace costgate::central::alerts
