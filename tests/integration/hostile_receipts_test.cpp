// Receipts of hostile requests reach central: whatever a client puts in a path, a body or a
// label header, the receipt the proxy writes passes central's text rule (base/text_rule.h), so
// central stores it. A receipt central rejected would never be resent: its call would be lost.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/text_rule.h"
#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

struct HostileCall {
  std::string what;
  std::string path;
  std::vector<std::string> headers;
  std::string body = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
};

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    out += piece;
  }
  return out;
}

std::vector<HostileCall> HostileCalls() {
  const std::string u256(256, 'u');
  return {
      {"model of 300 bytes", "/v1beta/models/" + std::string(300, 'a') + ":generateContent", {}},
      {"operation of 400 bytes", "/v1beta/models/gemini-2.0-flash:" + std::string(400, 'x'), {}},
      {"model that decodes to invalid UTF-8", "/v1beta/models/%C3%28bad:generateContent", {}},
      {"model with a C0 control", "/v1beta/models/a%01b:generateContent", {}},
      {"model with a C1 control", "/v1beta/models/a%C2%85b:generateContent", {}},
      {"model of 86 three-byte characters",
       "/v1beta/models/" + Repeat("%E6%97%A5", 86) + ":generateContent",
       {}},
      {"model from a request body with a NUL and 300 bytes",
       "/v1beta/openai/chat/completions",
       {"Content-Type: application/json"},
       R"({"model":"m\u0000)" + std::string(300, 'm') +
           R"(","messages":[{"role":"user","content":"hi"}]})"},
      {"every label header at the limit",
       "/v1beta/models/gemini-2.0-flash:generateContent",
       {"x-costgate-user: " + u256, "x-costgate-project: " + Repeat("日", 85) + "p",
        "x-costgate-job: " + u256, "x-costgate-feature: " + u256}},
  };
}

TEST(HostileReceipts, EveryReceiptOfAHostileRequestIsStoredAtCentral) {
  CentralUnderTest central(FreeLoopbackPort());
  const std::string key = central.CreateKey("hostile-" + UniqueToken("key"), "ship-app", "ship");
  DaemonUnderTest proxy(ShippingProxySettings(central.Url(), key));

  std::vector<std::string> event_ids;
  HttpClient client;
  for (const HostileCall& call : HostileCalls()) {
    HttpRequest request;
    request.method = "POST";
    request.url = proxy.daemon->Url(call.path);
    request.headers = call.headers;
    request.body = call.body;
    const HttpResponse response = client.Perform(request);
    const std::string event_id = response.Header("x-costgate-event-id").value_or("");
    ASSERT_FALSE(event_id.empty()) << call.what << ": " << response.status << " " << response.body;
    const std::optional<ReceiptRow> receipt =
        proxy.daemon->receipts().WaitForReceipt(event_id, kWait);
    ASSERT_TRUE(receipt.has_value()) << call.what;
    event_ids.push_back(event_id);
  }

  EXPECT_EQ(central.WaitForEventCount(static_cast<int64_t>(event_ids.size()), kShipWait),
            static_cast<int64_t>(event_ids.size()));
  EXPECT_EQ(MetricValue(*proxy.daemon, R"(costgate_shipper_events_total{result="rejected"})"), 0);
  for (const std::string& event_id : event_ids) {
    const std::vector<ReceiptRow> events = central.Events("event_id = ?1", {event_id});
    ASSERT_EQ(events.size(), 1u) << event_id;
    for (const char* column : {"model", "operation", "user", "project", "job", "feature"}) {
      EXPECT_EQ(base::CheckText(events[0].Text(column), base::kMaxIdBytes),
                base::TextProblem::kNone)
          << event_id << " " << column;
    }
  }
  // The labels at the limit are stored whole.
  const std::vector<ReceiptRow> labelled = central.Events("event_id = ?1", {event_ids.back()});
  ASSERT_EQ(labelled.size(), 1u);
  EXPECT_EQ(labelled[0].Text("user"), std::string(256, 'u'));
  EXPECT_EQ(labelled[0].Text("project"), Repeat("日", 85) + "p");
}

TEST(HostileReceipts, ALabelHeaderOverTheLimitIsRefusedNamingIt) {
  CentralUnderTest central(FreeLoopbackPort());
  const std::string key = central.CreateKey("label-" + UniqueToken("key"), "ship-app", "ship");
  DaemonUnderTest proxy(ShippingProxySettings(central.Url(), key));
  HttpRequest request;
  request.method = "POST";
  request.url = proxy.daemon->Url("/v1beta/models/gemini-2.0-flash:generateContent");
  request.headers = {"x-costgate-job: " + std::string(257, 'j')};
  request.body = R"({"contents":[]})";
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.Header("x-costgate-reason"), "bad_label");
  EXPECT_NE(response.body.find("x-costgate-job"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace costgate::integration
