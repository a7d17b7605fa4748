#include "daemon/outbox/intent_coalescing.h"

#include <gtest/gtest.h>

namespace costgate::daemon::outbox {
namespace {

filters::Receipt R(std::string id, bool open) {
  filters::Receipt r;
  r.event_id = std::move(id);
  r.open = open;
  return r;
}

std::vector<std::string> Ids(const std::vector<filters::Receipt>& work) {
  std::vector<std::string> ids;
  for (const auto& r : work) {
    ids.push_back(r.event_id + (r.open ? "+open" : ""));
  }
  return ids;
}

TEST(DropSupersededIntents, IntentWithItsFinalInTheBatchIsDropped) {
  std::vector<filters::Receipt> work = {R("a", true), R("b", true), R("a", false)};
  EXPECT_EQ(DropSupersededIntents(work), 1u);
  EXPECT_EQ(Ids(work), (std::vector<std::string>{"b+open", "a"}));
}

TEST(DropSupersededIntents, IntentOfACallStillRunningIsKept) {
  std::vector<filters::Receipt> work = {R("a", true), R("b", false)};
  EXPECT_EQ(DropSupersededIntents(work), 0u);
  EXPECT_EQ(Ids(work), (std::vector<std::string>{"a+open", "b"}));
}

TEST(DropSupersededIntents, ManyCallsKeepTheirOrder) {
  std::vector<filters::Receipt> work = {R("a", true),  R("b", true),  R("c", true),
                                        R("b", false), R("a", false), R("d", false)};
  EXPECT_EQ(DropSupersededIntents(work), 2u);
  EXPECT_EQ(Ids(work), (std::vector<std::string>{"c+open", "b", "a", "d"}));
}

TEST(DropSupersededIntents, NoIntentsNoChange) {
  std::vector<filters::Receipt> work = {R("a", false), R("b", false)};
  EXPECT_EQ(DropSupersededIntents(work), 0u);
  EXPECT_EQ(work.size(), 2u);
}

}  // namespace
}  // namespace costgate::daemon::outbox
