// The current price book of the process, swapped whole when a refresh or an import lands.
//
// Readers on the request path call Current() once per call: it costs an atomic load while the
// book is unchanged (each thread keeps its own reference), and a mutex only right after a swap.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "pricing/book_load_log.h"
#include "pricing/price_book.h"

namespace costgate::pricing {

class PriceBookHolder {
 public:
  explicit PriceBookHolder(std::shared_ptr<const PriceBook> book);
  PriceBookHolder(const PriceBookHolder&) = delete;
  PriceBookHolder& operator=(const PriceBookHolder&) = delete;

  // The book in force. The reference stays valid on this thread until its next Current() call
  // on this holder (the thread keeps the book alive until then).
  const PriceBook& Current() const;
  // A shared reference (for work that outlives the next Current() call).
  std::shared_ptr<const PriceBook> Share() const;
  // Replaces the book; readers see it from their next Current() call.
  void Publish(std::shared_ptr<const PriceBook> book);
  uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }
  // How the book in force came to be and the last attempt to replace it: whoever publishes or
  // fails to build a book notes it here (book_load_log.h).
  BookLoadLog& load_log() noexcept { return load_log_; }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const PriceBook> book_;
  std::atomic<uint64_t> generation_{1};
  BookLoadLog load_log_;
  const uint64_t id_;  // tells holders apart in the per-thread cache
};

}  // namespace costgate::pricing
