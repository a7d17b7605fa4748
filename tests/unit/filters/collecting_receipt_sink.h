// The simplest real ReceiptSink: keeps every receipt in memory, in submission order; intents
// (open receipts written at admission) apart from final receipts.
#pragma once

#include <utility>
#include <vector>

#include "filters/receipt.h"

namespace costgate::filters {

class CollectingReceiptSink final : public ReceiptSink {
 public:
  void Submit(Receipt receipt) noexcept override {
    (receipt.open ? intents : receipts).push_back(std::move(receipt));
  }

  std::vector<Receipt> receipts;
  std::vector<Receipt> intents;
};

}  // namespace costgate::filters
