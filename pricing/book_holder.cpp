#include "pricing/book_holder.h"

namespace costgate::pricing {
namespace {

std::atomic<uint64_t> next_holder_id{1};

struct ThreadCache {
  uint64_t holder_id = 0;
  uint64_t generation = 0;
  std::shared_ptr<const PriceBook> book;
};

}  // namespace

PriceBookHolder::PriceBookHolder(std::shared_ptr<const PriceBook> book)
    : book_(std::move(book)), id_(next_holder_id.fetch_add(1, std::memory_order_relaxed)) {}

const PriceBook& PriceBookHolder::Current() const {
  // One cached holder per thread is enough: a process has one holder; tests that make several
  // only pay the mutex when they alternate.
  thread_local ThreadCache cache;
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  if (cache.holder_id != id_ || cache.generation != generation) {
    std::lock_guard lock(mutex_);
    cache.book = book_;
    cache.holder_id = id_;
    cache.generation = generation_.load(std::memory_order_relaxed);
  }
  return *cache.book;
}

std::shared_ptr<const PriceBook> PriceBookHolder::Share() const {
  std::lock_guard lock(mutex_);
  return book_;
}

void PriceBookHolder::Publish(std::shared_ptr<const PriceBook> book) {
  std::lock_guard lock(mutex_);
  book_ = std::move(book);
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace costgate::pricing
