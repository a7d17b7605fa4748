// Store::CountUnpricedReasons: the unpriced events of a range counted by provider, model and
// the reason stored with each, filtered like the analytics.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "central/store/analytics.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::MakeEvent;

class StoreUnpriced : public store_testing::StoreTest {
 protected:
  // MakeEvent starts at 1'763'800'000'000; `offset_ms` after it, unpriced for `reason` ("" =
  // priced).
  static Event At(std::string id, int64_t offset_ms, std::string model, std::string reason,
                  std::string workspace = "ford") {
    Event e = MakeEvent(id);
    e.start_unix_ms += offset_ms;
    e.model = std::move(model);
    e.workspace = std::move(workspace);
    e.unpriced_reason = std::move(reason);
    if (!e.unpriced_reason.empty()) {
      e.cost.reset();
    }
    return e;
  }

  std::vector<UnpricedReasonCount> Count(int64_t from, int64_t to,
                                         std::vector<AnalyticsFilter> filters = {}) {
    auto counted = store().CountUnpricedReasons(from, to, filters);
    if (auto* error = std::get_if<StoreError>(&counted)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    auto counts = std::get<std::vector<UnpricedReasonCount>>(std::move(counted));
    std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
      return std::tie(a.model, a.reason) < std::tie(b.model, b.reason);
    });
    return counts;
  }
};
INSTANTIATE_TEST_SUITE_P(Stores, StoreUnpriced,
                         ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

TEST_P(StoreUnpriced, CountsTheStoredReasonsOfTheRangesUnpricedEvents) {
  constexpr int64_t kStart = 1'763'800'000'000;
  const std::vector<Event> events = {
      At("a", 0, "secret-1", "unknown_model"),    At("b", 10, "secret-1", "unknown_model"),
      At("c", 20, "secret-1", "no_rate"),         At("d", 30, "secret-2", "unknown_model", "acme"),
      At("e", 40, "gemini-2.5-flash", ""),         // priced: not counted
      At("f", 1000, "secret-1", "unknown_model"),  // after the range
  };
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(store().InsertEvents(events)));

  EXPECT_EQ(Count(kStart, kStart + 1000),
            (std::vector<UnpricedReasonCount>{{"gemini", "secret-1", "no_rate", 1},
                                              {"gemini", "secret-1", "unknown_model", 2},
                                              {"gemini", "secret-2", "unknown_model", 1}}));
  EXPECT_EQ(Count(kStart, kStart + 1000, {{Dimension::kWorkspace, {"acme"}}}),
            (std::vector<UnpricedReasonCount>{{"gemini", "secret-2", "unknown_model", 1}}));
  EXPECT_TRUE(Count(kStart + 2000, kStart + 3000).empty());
}

}  // namespace
}  // namespace costgate::central
