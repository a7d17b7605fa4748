// The simplest real ReceiptSink: keeps every receipt in memory, in submission order.
#pragma once

#include <utility>
#include <vector>

#include "filters/receipt.h"

namespace costgate::filters {

class CollectingReceiptSink final : public ReceiptSink {
 public:
  void Submit(Receipt receipt) noexcept override { receipts.push_back(std::move(receipt)); }

  std::vector<Receipt> receipts;
};

}  // namespace costgate::filters
