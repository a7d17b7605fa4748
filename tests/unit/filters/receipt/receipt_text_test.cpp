#include "filters/receipt/receipt_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/text_rule.h"
#include "filters/receipt/receipt_filter.h"

namespace costgate::filters {
namespace {

using namespace std::string_literals;

// Every string member of a receipt: what the proxy ships to central.
std::vector<std::string*> ReceiptTexts(Receipt& r) {
  return {&r.event_id,
          &r.host,
          &r.daemon_version,
          &r.labels.source_app,
          &r.labels.workspace,
          &r.labels.team,
          &r.labels.project,
          &r.labels.environment,
          &r.labels.pod,
          &r.labels.user,
          &r.labels.job,
          &r.labels.feature,
          &r.provider,
          &r.operation,
          &r.model_requested,
          &r.model_version,
          &r.service_tier,
          &r.pricing_version,
          &r.price_key,
          &r.unpriced_reason,
          &r.reason};
}

TEST(BoundReceiptText, EveryStringFieldPassesTheTextRuleWhateverItHeld) {
  const std::string hostile[] = {
      std::string(70'000, 'm'),                // a model name from a 64 KiB request target
      "gemini\0flash"s,                        // NUL from a JSON body's \u0000
      "caf\xE9",                               // Latin-1 from a percent-decoded path
      "\xC2\x85" + std::string(255, 'x'),      // C1 then at the limit
      std::string(255, 'a') + "\xE6\x97\xA5",  // a character straddling the limit
  };
  Receipt shape;
  for (size_t field = 0; field < ReceiptTexts(shape).size(); ++field) {
    for (const std::string& value : hostile) {
      Receipt receipt;
      *ReceiptTexts(receipt)[field] = value;
      BoundReceiptText(receipt);
      for (std::string* text : ReceiptTexts(receipt)) {
        EXPECT_EQ(base::CheckText(*text, base::kMaxIdBytes), base::TextProblem::kNone)
            << "field " << field;
      }
    }
  }
}

TEST(BoundReceiptText, LeavesTextThatPassesAsItIs) {
  Receipt receipt;
  receipt.model_requested = "gemini-2.5-flash";
  receipt.labels.user = std::string(256, 'u');
  receipt.labels.project = "Zoë 日本";
  BoundReceiptText(receipt);
  EXPECT_EQ(receipt.model_requested, "gemini-2.5-flash");
  EXPECT_EQ(receipt.labels.user, std::string(256, 'u'));
  EXPECT_EQ(receipt.labels.project, "Zoë 日本");
}

TEST(BoundReceiptText, BuildReceiptAndBuildIntentBoundTheirText) {
  Exchange x;
  x.event_id = "0193f0c2-7a1e-7b3c-9d4e-5f6a7b8c9d0e";
  x.operation = std::string(1000, 'o');
  x.model_requested = "m\x01";
  for (const Receipt& receipt : {BuildReceipt(x, {}), BuildIntent(x, {})}) {
    EXPECT_EQ(receipt.operation, std::string(256, 'o'));
    EXPECT_EQ(receipt.model_requested, "m\xEF\xBF\xBD");
  }
}

}  // namespace
}  // namespace costgate::filters
