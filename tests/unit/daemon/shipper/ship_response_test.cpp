#include "daemon/shipper/ship_response.h"

#include <gtest/gtest.h>

#include <vector>

namespace costgate::daemon::shipper {
namespace {

std::vector<outbox::StoredReceipt> Sent(std::initializer_list<const char*> ids) {
  std::vector<outbox::StoredReceipt> sent;
  for (const char* id : ids) {
    sent.emplace_back().receipt.event_id = id;
  }
  return sent;
}

ShipResults Parse(std::string_view body, const std::vector<outbox::StoredReceipt>& sent) {
  auto parsed = ParseShipResponse(body, sent);
  if (const auto* error = std::get_if<std::string>(&parsed)) {
    ADD_FAILURE() << *error;
    return {};
  }
  return std::get<ShipResults>(parsed);
}

std::string ParseError(std::string_view body) {
  auto parsed = ParseShipResponse(body, Sent({"a"}));
  const auto* error = std::get_if<std::string>(&parsed);
  return error != nullptr ? *error : "(parsed)";
}

TEST(ShipResponse, StoredAndDuplicateAreBothShipped) {
  const auto r = Parse(R"({"results":[{"event_id":"a","status":"stored"},)"
                       R"({"event_id":"b","status":"duplicate"}],"stored":1,"duplicate":1})",
                       Sent({"a", "b"}));
  EXPECT_EQ(r.shipped, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.stored, 1u);
  EXPECT_EQ(r.duplicate, 1u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.ignored, 0u);
}

TEST(ShipResponse, RejectedCarriesFieldAndReason) {
  const auto r = Parse(R"({"results":[{"event_id":"a","status":"rejected",)"
                       R"("field":"events[0].units.input_tokens",)"
                       R"("reason":"must be an integer >= 0"}]})",
                       Sent({"a"}));
  EXPECT_TRUE(r.shipped.empty());
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].event_id, "a");
  EXPECT_EQ(r.rejected[0].reason, "events[0].units.input_tokens: must be an integer >= 0");
}

TEST(ShipResponse, RejectedWithoutFieldKeepsTheReason) {
  const auto r = Parse(R"({"results":[{"reason":"unknown label","status":"rejected",)"
                       R"("event_id":"a"}]})",
                       Sent({"a"}));
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].reason, "unknown label");
}

TEST(ShipResponse, IdsThatWereNotSentAreIgnored) {
  const auto r = Parse(R"({"results":[{"event_id":"zzz","status":"stored"},)"
                       R"({"event_id":"a","status":"stored"}]})",
                       Sent({"a"}));
  EXPECT_EQ(r.shipped, std::vector<std::string>{"a"});
  EXPECT_EQ(r.stored, 1u);
  EXPECT_EQ(r.ignored, 1u);
}

TEST(ShipResponse, SentIdsCentralDidNotNameStayUnshipped) {
  const auto r =
      Parse(R"({"results":[{"event_id":"b","status":"stored"}]})", Sent({"a", "b", "c"}));
  EXPECT_EQ(r.shipped, std::vector<std::string>{"b"});
}

TEST(ShipResponse, AnIdNamedTwiceCountsOnce) {
  const auto r = Parse(R"({"results":[{"event_id":"a","status":"stored"},)"
                       R"({"event_id":"a","status":"duplicate"}]})",
                       Sent({"a"}));
  EXPECT_EQ(r.shipped, std::vector<std::string>{"a"});
  EXPECT_EQ(r.stored, 1u);
  EXPECT_EQ(r.duplicate, 0u);
  EXPECT_EQ(r.ignored, 1u);
}

TEST(ShipResponse, AnUnknownStatusIsIgnoredAndTheRowStaysUnshipped) {
  const auto r = Parse(R"({"results":[{"event_id":"a","status":"queued"}]})", Sent({"a"}));
  EXPECT_TRUE(r.shipped.empty());
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.ignored, 1u);
}

TEST(ShipResponse, ExtraMembersAreAllowed) {
  const auto r = Parse(R"({"version":2,"results":[{"event_id":"a","status":"stored",)"
                       R"("central_cost_pico_usd":12}]})",
                       Sent({"a"}));
  EXPECT_EQ(r.shipped, std::vector<std::string>{"a"});
}

TEST(ShipResponse, NotJsonIsAnError) {
  EXPECT_EQ(ParseError("<html>bad gateway</html>"), "central's answer has no \"results\" array");
}

TEST(ShipResponse, MissingResultsIsAnError) {
  EXPECT_EQ(ParseError(R"({"stored":1})"), "central's answer has no \"results\" array");
}

TEST(ShipResponse, AResultWithoutStatusIsAnError) {
  EXPECT_EQ(ParseError(R"({"results":[{"event_id":"a"}]})"),
            "a result in central's answer lacks a string event_id or status");
}

TEST(ShipResponse, ANonObjectResultIsAnError) {
  EXPECT_EQ(ParseError(R"({"results":["a"]})"),
            "a result in central's answer lacks a string event_id or status");
}

}  // namespace
}  // namespace costgate::daemon::shipper
