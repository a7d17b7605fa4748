// ReceiptWriter's shipping calls: work handed to the writer thread, which owns the connection.
#include <future>
#include <memory>
#include <utility>

#include "daemon/outbox/receipt_writer.h"

namespace costgate::daemon::outbox {

template <typename Fn>
auto ReceiptWriter::OnWriterThread(Fn fn) -> decltype(fn(nullptr)) {
  using Result = decltype(fn(nullptr));
  auto done = std::make_shared<std::promise<Result>>();
  std::future<Result> result = done->get_future();
  {
    std::unique_lock lock(mu_);
    // Accepted only before Stop(): the last pass then takes every accepted job, so none waits
    // forever.
    if (!running_ || stopping_) {
      lock.unlock();
      return fn(nullptr);
    }
    jobs_.push_back([done, fn = std::move(fn)](ReceiptDb* db) { done->set_value(fn(db)); });
  }
  work_cv_.notify_one();
  return result.get();
}

void ReceiptWriter::RunJobs(std::deque<Job>& jobs) {
  for (Job& job : jobs) {
    job(db_.is_open() ? &db_ : nullptr);
  }
  jobs.clear();
}

namespace {

constexpr const char* kNotOpen = "the receipts database is not open";

std::optional<std::string> ErrorOf(const std::variant<int64_t, std::string>& result) {
  if (const auto* error = std::get_if<std::string>(&result)) {
    return *error;
  }
  return std::nullopt;
}

}  // namespace

ShipBatch ReceiptWriter::NextShipBatch(size_t max, bool count_backlog) {
  return OnWriterThread([max, count_backlog](ReceiptDb* db) {
    ShipBatch batch;
    if (db == nullptr) {
      batch.error = kNotOpen;
      return batch;
    }
    auto rows = db->SelectUnshipped(max);
    if (auto* error = std::get_if<std::string>(&rows)) {
      batch.error = std::move(*error);
      return batch;
    }
    batch.receipts = std::move(std::get<std::vector<StoredReceipt>>(rows));
    if (batch.receipts.size() < max) {
      batch.backlog = batch.receipts.size();
    } else if (count_backlog) {
      const auto count = db->CountUnshipped();
      if (const auto* n = std::get_if<uint64_t>(&count)) {
        batch.backlog = *n;
      }
    }
    return batch;
  });
}

std::optional<std::string> ReceiptWriter::MarkShipped(std::vector<std::string> event_ids,
                                                      int64_t now_ms) {
  return OnWriterThread(
      [ids = std::move(event_ids), now_ms](ReceiptDb* db) -> std::optional<std::string> {
        if (db == nullptr) {
          return kNotOpen;
        }
        return ErrorOf(db->MarkShipped(ids, now_ms));
      });
}

std::optional<std::string> ReceiptWriter::MarkRejected(std::vector<Rejection> rejected,
                                                       int64_t now_ms) {
  return OnWriterThread(
      [rejected = std::move(rejected), now_ms](ReceiptDb* db) -> std::optional<std::string> {
        if (db == nullptr) {
          return kNotOpen;
        }
        return ErrorOf(db->MarkRejected(rejected, now_ms));
      });
}

std::variant<int64_t, std::string> ReceiptWriter::DeleteExpired(int64_t now_ms, int64_t limit) {
  return OnWriterThread([this, now_ms, limit](ReceiptDb* db) -> std::variant<int64_t, std::string> {
    if (db == nullptr) {
      return std::string(kNotOpen);
    }
    return DeleteExpiredOnWriter(now_ms, limit);
  });
}

}  // namespace costgate::daemon::outbox
