// The budget gate's fast path (issue 14: a budget covering every call must not add more than
// 2 us of CPU per request): LeaseBook::Reserve + Settle and LeaseGate::Reserve + Settle (the
// ready Task, the decision the preflight filter gets) for a call covered by one and by three
// hard budgets, on one thread and on four threads sharing the book. Prints ns per
// reserve+settle. Not a test: run by hand, e.g.
//   budget_bench [iterations]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "daemon/budget/deadline_timer.h"
#include "daemon/budget/lease_book.h"
#include "daemon/budget/lease_client.h"
#include "daemon/budget/lease_gate.h"

namespace {

using namespace costgate;
using daemon::budget::LeaseBook;

constexpr int64_t kNow = 1'800'000'000'000;

daemon::budget::SyncedBudget Budget(std::string id, std::string project) {
  daemon::budget::SyncedBudget b;
  b.id = std::move(id);
  b.name = "bench budget " + b.id;
  b.scope.project = std::move(project);
  b.period_key = "2027-01";
  b.period_end_unix_ms = kNow + 86'400'000;
  b.hard_limit = true;
  // Room for every hold of the run: the fast path, never a need.
  b.lease =
      daemon::budget::LeaseGrant{pricing::Money::FromPico(int64_t{1} << 60), kNow + 3'600'000};
  return b;
}

// Answers nothing: the bench never syncs.
class NoCentral final : public daemon::shipper::BatchTransport {
 public:
  daemon::shipper::PostResult PostBatch(std::string_view, bool, const std::string&,
                                        std::stop_token) override {
    return {0, {}, "bench"};
  }
  std::string Describe() const override { return "none"; }
};

int64_t BenchNow() { return kNow; }

template <typename Body>
double NsPerOp(long n, int threads, Body body) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (long i = 0; i < n; ++i) {
        body();
      }
    });
  }
  for (auto& w : workers) {
    w.join();
  }
  const double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  return ns / static_cast<double>(n);  // wall time per op per thread
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 2'000'000;
  filters::Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70";
  x.provider = "gemini";
  x.labels.project = "invoices";
  x.labels.source_app = "billing";
  filters::preflight::GateCall call;
  call.x = &x;
  call.model = "gemini-2.5-flash";
  call.estimate = pricing::Money::FromPico(2'000'000);

  for (const int budgets : {1, 3}) {
    LeaseBook book;
    std::vector<daemon::budget::SyncedBudget> list = {Budget("bud_org", "")};
    if (budgets == 3) {
      list.push_back(Budget("bud_invoices", "invoices"));
      list.push_back(Budget("bud_payroll", "payroll"));  // does not cover: matched, skipped
      list.push_back(Budget("bud_team", ""));
    }
    book.Apply({kNow, 3'600'000, list}, kNow, 1000);
    auto book_op = [&] {
      const auto r = book.Reserve(call, kNow);
      book.Settle(r.reservation, pricing::Money::FromPico(1'500'000));
    };
    const double book_1 = NsPerOp(n, 1, book_op);
    const double book_4 = NsPerOp(n / 4, 4, book_op);

    daemon::log::Logger logger(-1);
    daemon::budget::BudgetStats stats;
    daemon::budget::DeadlineTimer timer;
    daemon::budget::LeaseClient client(book, std::make_unique<NoCentral>(),
                                       {"px_bench", {}, 1000, &BenchNow}, logger, stats);
    daemon::budget::LeaseGate gate(
        book, client, timer, stats,
        {"px_0123456789abcdef", false, std::chrono::milliseconds(250), &BenchNow});
    uint64_t denied = 0;
    auto gate_op = [&] {
      auto task = gate.Reserve(call);
      const auto& d = task.value();  // ready: the fast path
      denied += d.reservation == 0 ? 1 : 0;
      gate.Settle(d.reservation, pricing::Money::FromPico(1'500'000));
    };
    const double gate_1 = NsPerOp(n, 1, gate_op);
    std::printf(
        "%d covering budget(s): LeaseBook reserve+settle %.0f ns (1 thread), %.0f ns wall per op "
        "per thread (4 threads); LeaseGate reserve+settle %.0f ns (1 thread)%s\n",
        budgets, book_1, book_4, gate_1, denied != 0 ? " [SOME NOT HELD]" : "");
  }
  return 0;
}
