#include "central/api/reprice.h"

#include <gtest/gtest.h>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using pricing::Money;
using testing::kNow;
using testing::TestBook;

Event GeminiEvent() {
  Event event;
  event.start_unix_ms = kNow;
  event.provider = "gemini";
  event.model = "gemini-2.5-flash";
  event.model_version = "gemini-2.5-flash";
  event.units = {{"input_tokens", 3520}, {"output_tokens", 2}};
  event.status = "success";
  event.http_status = 200;
  return event;
}

TEST(Reprice, PricesAProxyEventWithCentralsBook) {
  Event event = GeminiEvent();
  Reprice(*TestBook(), event);
  // 3520 x $0.30/M + 2 x $2.50/M
  EXPECT_EQ(event.cost, Money::FromPico(1'061'000'000));
  EXPECT_EQ(event.price_key, "gemini/gemini-2.5-flash");
  EXPECT_EQ(event.pricing_version, TestBook()->version());
  EXPECT_EQ(event.unpriced_reason, "");
}

TEST(Reprice, TheProxysPriceKeyPricesAVertexCallAtVertexPrices) {
  // A Vertex AI call reaches central as provider gemini; the proxy's key says which list.
  Event event = GeminiEvent();
  event.model = "gemini-2.0-flash-001";
  event.model_version = "gemini-2.0-flash-001";
  event.units = {{"input_tokens", 1000}};
  Reprice(*TestBook(), event, "gemini-2.0-flash-001");
  EXPECT_EQ(event.cost, Money::FromPico(150'000'000));  // 1000 x $0.15/M, not $0.10/M
  EXPECT_EQ(event.price_key, "gemini-2.0-flash-001");
}

TEST(Reprice, ComputesItsOwnPricingNotesByTheProxysRules) {
  struct Case {
    std::string_view provider;
    std::string_view model_version;
    std::string_view service_tier;
    std::string_view proxy_key;  // "" : none sent
    std::string_view notes;
  };
  const Case cases[] = {
      {"gemini", "gemini-2.5-flash", "", "", ""},
      {"gemini", "gemini-2.5-flash", "", "gemini/gemini-2.5-flash", ""},
      {"gemini", "gemini-2.0-flash", "flex", "", "tier_fallback"},
      {"vertex", "gemini-2.0-flash-001", "ON_DEMAND_FLEX", "gemini-2.0-flash-001", "tier_fallback"},
      {"vertex", "gemini-2.0-flash", "ON_DEMAND_PRIORITY", "", "tier_fallback"},
      {"gemini", "gemini-2.5-flash-002", "", "gemini/gemini-2.5-flash", "model_fallback"},
      {"vertex", "gemini-flash-latest", "", "", "provider_fallback"},
      {"vertex", "gemini-2.0-flash", "", "vertex_ai/gemini-2.0-flash", ""},
  };
  for (const Case& c : cases) {
    Event event = GeminiEvent();
    event.provider = c.provider;
    event.model = event.model_version = c.model_version;
    event.service_tier = c.service_tier;
    Reprice(*TestBook(), event, c.proxy_key);
    EXPECT_TRUE(event.cost.has_value()) << c.model_version;
    EXPECT_EQ(event.pricing_notes, c.notes)
        << c.provider << " " << c.model_version << " " << c.service_tier;
  }
}

TEST(Reprice, AnUnpricedEventHasNoNotes) {
  Event event = GeminiEvent();
  event.model = event.model_version = "no-such-model";
  event.service_tier = "flex";
  event.pricing_notes = "tier_fallback";
  Reprice(*TestBook(), event);
  EXPECT_EQ(event.pricing_notes, "");
}

TEST(Reprice, LeavesTheProxysPriceAsItIs) {
  Event event = GeminiEvent();
  event.proxy_cost = Money::FromPico(217'760'000);
  event.proxy_pricing_version = "pb-01ec3c36b0172eeb";
  Reprice(*TestBook(), event);
  EXPECT_EQ(event.proxy_cost, Money::FromPico(217'760'000));
  EXPECT_EQ(event.proxy_pricing_version, "pb-01ec3c36b0172eeb");
}

TEST(Reprice, UnmeteredEventIsUnpriced) {
  Event event = GeminiEvent();
  event.metered = false;
  Reprice(*TestBook(), event);
  EXPECT_FALSE(event.cost.has_value());
  EXPECT_EQ(event.unpriced_reason, "unmetered");
}

TEST(Reprice, DeniedCallWithoutUsageCostsZero) {
  Event event = GeminiEvent();
  event.units.clear();
  event.status = "denied";
  event.http_status = 429;
  Reprice(*TestBook(), event);
  EXPECT_EQ(event.cost, Money{});
  EXPECT_EQ(event.price_key, "gemini/gemini-2.5-flash");
}

TEST(Reprice, UnknownModelIsUnpricedWithItsReason) {
  Event event = GeminiEvent();
  event.model = event.model_version = "no-such-model";
  Reprice(*TestBook(), event);
  EXPECT_FALSE(event.cost.has_value());
  EXPECT_EQ(event.unpriced_reason, "unknown_model");
  EXPECT_EQ(event.pricing_version, "");
}

TEST(Reprice, InterruptedCallWithoutUsageIsUnpricedForNoUsage) {
  Event event = GeminiEvent();
  event.units.clear();
  event.status = "interrupted";
  Reprice(*TestBook(), event);
  EXPECT_FALSE(event.cost.has_value());
  EXPECT_EQ(event.unpriced_reason, "no_usage");
}

TEST(PriceUnits, WithoutAProviderFindsAnElevenLabsModel) {
  const UnitsPrice price =
      PriceUnits(*TestBook(), "", "", "eleven_multilingual_v2", {{"characters", 1234}},
                 pricing::ServiceTier::kStandard, kNow);
  // 1 credit per character at $0.10 per 1,000 credits (pay as you go)
  EXPECT_EQ(price.total, Money::FromPico(123'400'000'000));
  EXPECT_EQ(price.price_key, "elevenlabs/eleven_multilingual_v2");
}

TEST(PriceUnits, WithoutAProviderFindsAGeminiModelThroughItsPreviewName) {
  const UnitsPrice price = PriceUnits(*TestBook(), "", "", "gemini-2.5-pro-preview",
                                      {{"input_tokens", 1000}, {"output_tokens", 200}},
                                      pricing::ServiceTier::kStandard, kNow);
  EXPECT_EQ(price.total, Money::FromPico(3'250'000'000));
  EXPECT_EQ(price.price_key, "gemini/gemini-2.5-pro");
}

}  // namespace
}  // namespace costgate::central
