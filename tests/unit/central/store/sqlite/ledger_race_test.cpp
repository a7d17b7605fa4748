// Reservations from two connections to one SQLite file, each on its own thread (two central
// processes sharing a database): the check and the insert are one write transaction, so the
// holds allowed never add up past the budget.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::OpenSqliteStore;
using store_testing::TempDir;

TEST(SqliteLedgerRace, TwoWritersNeverHoldMoreThanTheAmount) {
  constexpr int64_t kAmount = 1'000;
  constexpr int64_t kEach = 7;  // 142 holds fit, the 143rd would not
  constexpr int kAttemptsPerWriter = 150;
  constexpr int64_t kRaceNow = 1'764'600'000'000;
  TempDir dir;
  const std::string path = dir.File("central.db");
  auto first = OpenSqliteStore(path);
  auto second = OpenSqliteStore(path);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);

  std::atomic<int> allowed{0};
  std::atomic<int> failed{0};
  const auto reserve_many = [&](Store& store, const std::string& prefix) {
    const std::vector<HoldRequest> holds = {{"bud_race", "2025-12", pricing::Money::FromPico(kEach),
                                             pricing::Money::FromPico(kAmount)}};
    for (int i = 0; i < kAttemptsPerWriter; ++i) {
      auto outcome =
          store.ReserveHolds(prefix + std::to_string(i), holds, kRaceNow + 60'000, kRaceNow);
      if (std::holds_alternative<StoreError>(outcome)) {
        ++failed;
      } else if (std::get<HoldOutcome>(outcome).allowed) {
        ++allowed;
      }
    }
  };
  std::thread a([&] { reserve_many(*first, "a-"); });
  std::thread b([&] { reserve_many(*second, "b-"); });
  a.join();
  b.join();

  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(allowed.load(), kAmount / kEach);
  EXPECT_EQ(std::get<pricing::Money>(first->GetCommitted("bud_race", "2025-12", kRaceNow)).pico(),
            (kAmount / kEach) * kEach);
}

}  // namespace
}  // namespace costgate::central
