#include <gtest/gtest.h>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

class StoreEvents : public store_testing::StoreTest {};
INSTANTIATE_TEST_SUITE_P(Stores, StoreEvents, ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

using store_testing::MakeEvent;

std::vector<InsertResult> Insert(Store& store, const std::vector<Event>& events) {
  auto result = store.InsertEvents(events);
  if (auto* error = std::get_if<StoreError>(&result)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<std::vector<InsertResult>>(result);
}

Event Find(Store& store, const std::string& event_id) {
  auto result = store.FindEvent(event_id);
  if (auto* error = std::get_if<StoreError>(&result)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  auto& found = std::get<std::optional<Event>>(result);
  if (!found) {
    ADD_FAILURE() << event_id << " not found";
    return {};
  }
  return *found;
}

int64_t Count(Store& store) { return std::get<int64_t>(store.CountEvents()); }

constexpr auto kStored = InsertResult::kStored;
constexpr auto kDuplicate = InsertResult::kDuplicate;

TEST_P(StoreEvents, NewEventsAreStoredInInputOrder) {
  EXPECT_EQ(Insert(store(), {MakeEvent("a"), MakeEvent("b"), MakeEvent("c")}),
            (std::vector{kStored, kStored, kStored}));
  EXPECT_EQ(Count(store()), 3);
}

TEST_P(StoreEvents, ResentBatchIsAllDuplicates) {
  const std::vector<Event> batch = {MakeEvent("a"), MakeEvent("b")};
  Insert(store(), batch);
  EXPECT_EQ(Insert(store(), batch), (std::vector{kDuplicate, kDuplicate}));
  EXPECT_EQ(Count(store()), 2);
}

TEST_P(StoreEvents, DuplicateWithinOneBatchIsReportedDuplicate) {
  EXPECT_EQ(Insert(store(), {MakeEvent("a"), MakeEvent("b"), MakeEvent("a")}),
            (std::vector{kStored, kStored, kDuplicate}));
  EXPECT_EQ(Count(store()), 2);
}

TEST_P(StoreEvents, DuplicateKeepsTheFirstStoredVersion) {
  Insert(store(), {MakeEvent("a")});
  Event changed = MakeEvent("a");
  changed.model = "gemini-2.5-pro";
  changed.units = {{"input_tokens", 1}};
  Insert(store(), {changed});
  const Event found = Find(store(), "a");
  EXPECT_EQ(found.model, "gemini-2.5-flash");
  EXPECT_EQ(found.units, MakeEvent("a").units);
}

TEST_P(StoreEvents, MixedBatchStoresNewAndSkipsKnown) {
  Insert(store(), {MakeEvent("a")});
  EXPECT_EQ(Insert(store(), {MakeEvent("x"), MakeEvent("a"), MakeEvent("y")}),
            (std::vector{kStored, kDuplicate, kStored}));
  EXPECT_EQ(Count(store()), 3);
}

TEST_P(StoreEvents, EmptyBatchGivesNoResults) {
  EXPECT_TRUE(Insert(store(), {}).empty());
  EXPECT_EQ(Count(store()), 0);
}

TEST_P(StoreEvents, EveryFieldRoundTrips) {
  const Event original = MakeEvent("0193f0c2-7a1e-7b3c-9d4e-5f6a7b8c9d0e");
  Insert(store(), {original});
  const Event found = Find(store(), original.event_id);
  EXPECT_EQ(found.event_id, original.event_id);
  EXPECT_EQ(found.origin, "proxy");
  EXPECT_EQ(found.request_id, "req-1");
  EXPECT_EQ(found.start_unix_ms, 1'763'800'000'000);
  EXPECT_EQ(found.end_unix_ms, 1'763'800'001'200);
  EXPECT_EQ(found.source_app, "video-accessibility");
  EXPECT_EQ(found.workspace, "ford");
  EXPECT_EQ(found.team, "video");
  EXPECT_EQ(found.project, "p-7");
  EXPECT_EQ(found.user, "u-42");
  EXPECT_EQ(found.job, "job-123");
  EXPECT_EQ(found.feature, "captions");
  EXPECT_EQ(found.environment, "prod");
  EXPECT_EQ(found.host, "web-1");
  EXPECT_EQ(found.pod, "pod-3");
  EXPECT_EQ(found.daemon_version, "0.4.0");
  EXPECT_EQ(found.provider, "gemini");
  EXPECT_EQ(found.operation, "generateContent");
  EXPECT_EQ(found.model, "gemini-2.5-flash");
  EXPECT_EQ(found.model_version, "gemini-2.5-flash-001");
  EXPECT_EQ(found.service_tier, "standard");
  EXPECT_TRUE(found.metered);
  EXPECT_TRUE(found.estimated);
  EXPECT_EQ(found.status, "upstream_error");
  EXPECT_EQ(found.reason, "upstream_status");
  EXPECT_EQ(found.http_status, 503);
  EXPECT_EQ(found.latency_ms, 1'200);
  EXPECT_EQ(found.ttfb_ms, 310);
  EXPECT_EQ(found.request_bytes, 812u);
  EXPECT_EQ(found.response_bytes, 2'048u);
  EXPECT_EQ(found.proxy_cost, pricing::Money::FromPico(217'760'000));
  EXPECT_EQ(found.proxy_pricing_version, "pb-01ec3c36b0172eeb");
  EXPECT_EQ(found.cost, pricing::Money::FromPico(217'760'001));
  EXPECT_EQ(found.pricing_version, "pb-central-0001");
  EXPECT_EQ(found.price_key, "gemini/gemini-2.5-flash");
  EXPECT_EQ(found.unpriced_reason, "");
  EXPECT_EQ(found.pricing_notes, "model_fallback,tier_fallback");
  EXPECT_EQ(found.received_unix_ms, 1'763'800'002'000);
}

TEST_P(StoreEvents, UnitsKeepTheirGivenOrder) {
  Event e = MakeEvent("a");
  e.units = {{"output_tokens", 2}, {"input_tokens", 3520}, {"cached_input_tokens", 0}};
  Insert(store(), {e});
  EXPECT_EQ(Find(store(), "a").units,
            (EventUnits{{"output_tokens", 2}, {"input_tokens", 3520}, {"cached_input_tokens", 0}}));
}

TEST_P(StoreEvents, EmptyUnitsRoundTrip) {
  Event e = MakeEvent("a");
  e.units.clear();
  Insert(store(), {e});
  EXPECT_TRUE(Find(store(), "a").units.empty());
}

TEST_P(StoreEvents, UnpricedStaysDistinctFromZeroCost) {
  Event unpriced = MakeEvent("unpriced");
  unpriced.cost = std::nullopt;
  unpriced.unpriced_reason = "unknown_model";
  Event free = MakeEvent("free");
  free.cost = pricing::Money::FromPico(0);
  Insert(store(), {unpriced, free});
  EXPECT_EQ(Find(store(), "unpriced").cost, std::nullopt);
  EXPECT_EQ(Find(store(), "unpriced").unpriced_reason, "unknown_model");
  EXPECT_EQ(Find(store(), "free").cost, pricing::Money::FromPico(0));
}

TEST_P(StoreEvents, ProxyCostIsKeptApartFromCentralCost) {
  Event e = MakeEvent("a");
  e.proxy_cost = std::nullopt;
  e.cost = pricing::Money::FromPico(5);
  Insert(store(), {e});
  EXPECT_EQ(Find(store(), "a").proxy_cost, std::nullopt);
  EXPECT_EQ(Find(store(), "a").cost, pricing::Money::FromPico(5));
}

TEST_P(StoreEvents, UnknownEventIdIsNotFound) {
  auto result = store().FindEvent("nope");
  ASSERT_TRUE(std::holds_alternative<std::optional<Event>>(result));
  EXPECT_FALSE(std::get<std::optional<Event>>(result).has_value());
}

TEST_P(StoreEvents, StoredEventMirrorsItsUserAsUnnamed) {
  Insert(store(), {MakeEvent("a")});
  auto user = std::get<std::optional<UserRecord>>(store().FindUser("video-accessibility", "u-42"));
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->email, "");
  EXPECT_EQ(user->full_name, "");
}

TEST_P(StoreEvents, StoredEventMirrorsItsProjectAsUnassigned) {
  Insert(store(), {MakeEvent("a")});
  auto project =
      std::get<std::optional<ProjectRecord>>(store().FindProject("video-accessibility", "p-7"));
  ASSERT_TRUE(project.has_value());
  EXPECT_EQ(project->name, "");
  EXPECT_EQ(project->workspace_id, "");
  EXPECT_EQ(project->team_id, "");
}

TEST_P(StoreEvents, EventWithoutUserOrProjectMirrorsNothing) {
  Event e = MakeEvent("a");
  e.user.clear();
  e.project.clear();
  Insert(store(), {e});
  EXPECT_EQ(Query("SELECT count(*) AS n FROM users")[0]["n"], "0");
  EXPECT_EQ(Query("SELECT count(*) AS n FROM projects")[0]["n"], "0");
}

TEST_P(StoreEvents, MirroringKeepsAKnownProject) {
  ASSERT_FALSE(store().UpsertProject(
      {"video-accessibility", "p-7", "Ford Q3 Campaign", "ford", "video"}, 1));
  Insert(store(), {MakeEvent("a")});
  auto project =
      std::get<std::optional<ProjectRecord>>(store().FindProject("video-accessibility", "p-7"));
  ASSERT_TRUE(project.has_value());
  EXPECT_EQ(project->name, "Ford Q3 Campaign");
  EXPECT_EQ(project->workspace_id, "ford");
}

TEST_P(StoreEvents, UsersAreMirroredPerSourceApp) {
  Event other = MakeEvent("b");
  other.source_app = "other-app";
  Insert(store(), {MakeEvent("a"), other});
  EXPECT_TRUE(std::get<std::optional<UserRecord>>(store().FindUser("other-app", "u-42")));
  EXPECT_TRUE(std::get<std::optional<UserRecord>>(store().FindUser("video-accessibility", "u-42")));
}

TEST_P(StoreEvents, FailedBatchReturnsSqlitesMessage) {
  FailInsertsOf("bad");
  auto result = store().InsertEvents(std::vector{MakeEvent("a"), MakeEvent("bad")});
  ASSERT_TRUE(std::holds_alternative<StoreError>(result));
  EXPECT_EQ(std::get<StoreError>(result).message, "insert event bad: refused by test");
}

TEST_P(StoreEvents, FailedBatchStoresNothing) {
  FailInsertsOf("bad");
  store().InsertEvents(std::vector{MakeEvent("a"), MakeEvent("bad")});
  EXPECT_EQ(Count(store()), 0);
  EXPECT_EQ(Query("SELECT count(*) AS n FROM users")[0]["n"], "0");
}

TEST_P(StoreEvents, StoreStaysUsableAfterAFailedBatch) {
  FailInsertsOf("bad");
  store().InsertEvents(std::vector{MakeEvent("bad")});
  EXPECT_EQ(Insert(store(), {MakeEvent("a")}), (std::vector{kStored}));
}

TEST_P(StoreEvents, UserOfAFailedBatchIsMirroredByTheNextOne) {
  FailInsertsOf("bad");
  store().InsertEvents(std::vector{MakeEvent("a"), MakeEvent("bad")});
  Insert(store(), {MakeEvent("b")});
  EXPECT_TRUE(std::get<std::optional<UserRecord>>(store().FindUser("video-accessibility", "u-42")));
}

TEST_P(StoreEvents, PingAnswersOnAnOpenStore) { EXPECT_EQ(store().Ping(), std::nullopt); }

}  // namespace
}  // namespace costgate::central
