#include "filters/receipt/receipt_text.h"

#include <string>

#include "base/text_rule.h"

namespace costgate::filters {
namespace {

void Bound(std::string& text) {
  if (base::CheckText(text, base::kMaxIdBytes) != base::TextProblem::kNone) {
    text = base::BoundText(text, base::kMaxIdBytes);
  }
}

}  // namespace

void BoundReceiptText(Receipt& receipt) {
  // Every string member, including those made by costgate itself (event id, reason, price key):
  // the guarantee is about the receipt, not about where each field came from.
  for (std::string* text : {&receipt.event_id,         &receipt.host,
                            &receipt.daemon_version,   &receipt.labels.source_app,
                            &receipt.labels.workspace, &receipt.labels.team,
                            &receipt.labels.project,   &receipt.labels.environment,
                            &receipt.labels.pod,       &receipt.labels.user,
                            &receipt.labels.job,       &receipt.labels.feature,
                            &receipt.provider,         &receipt.operation,
                            &receipt.model_requested,  &receipt.model_version,
                            &receipt.service_tier,     &receipt.pricing_version,
                            &receipt.price_key,        &receipt.unpriced_reason,
                            &receipt.pricing_notes,    &receipt.reason,
                            &receipt.estimate_method,  &receipt.budget_holder}) {
    Bound(*text);
  }
}

}  // namespace costgate::filters
