// The reason codes a priced receipt carries when its price is not exactly its own
// (pricing/pricing_notes.h), for every provider pricing knows, and through PriceCall.
#include "pricing/pricing_notes.h"

#include <gtest/gtest.h>

#include "pricing/call_price.h"
#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

PriceRow ListRow(std::string key, std::string provider) {
  PriceRow row = Row(std::move(key), RateKind::kInputToken, 1'000'000);
  row.provider = std::move(provider);
  return row;
}

std::string Notes(const PriceSubject& subject, const PriceRow& row, bool tier_fallback = false) {
  return NotesFor(*BundledBook(), subject, row.key, row, tier_fallback).Text();
}

TEST(PricingNotes, TextJoinsTheCodesInTheirOrder) {
  EXPECT_EQ(PricingNotes{}.Text(), "");
  EXPECT_EQ((PricingNotes{.tier_fallback = true}).Text(), "tier_fallback");
  EXPECT_EQ((PricingNotes{.model_fallback = true, .tier_fallback = true}).Text(),
            "model_fallback,tier_fallback");
  EXPECT_EQ((PricingNotes{true, true, true}).Text(),
            "model_fallback,provider_fallback,tier_fallback");
}

TEST(PricingNotes, TheServedModelsOwnRowOfTheCallsOwnListHasNoNote) {
  struct Case {
    PriceSubject subject;
    PriceRow row;
  };
  const Case cases[] = {
      {{"gemini", "gemini-2.5-flash", "gemini-2.5-flash"},
       ListRow("gemini/gemini-2.5-flash", "gemini")},
      {{"gemini", "", "models/gemini-2.5-flash"}, ListRow("gemini/gemini-2.5-flash", "gemini")},
      {{"vertex", "gemini-2.0-flash-001", "gemini-2.0-flash"},
       ListRow("gemini-2.0-flash-001", "vertex_ai-language-models")},
      {{"vertex", "", "gemini-2.0-flash"}, ListRow("vertex_ai/gemini-2.0-flash", "vertex_ai")},
      {{"elevenlabs", "", "eleven_flash_v2_5"},
       ListRow("elevenlabs/eleven_flash_v2_5", "elevenlabs")},
      {{"google-tts", "", "wavenet"}, ListRow("google-tts/wavenet", "google-tts")},
      {{"google-tts", "", "chirp"}, ListRow("vertex_ai/chirp", "vertex_ai-text-to-speech")},
      // Credits without a model row are priced by the plan: the price of a credit.
      {{"elevenlabs", "", ""}, ListRow("elevenlabs/plan/pay_as_you_go", "elevenlabs")},
      {{"elevenlabs", "", "eleven_multilingual_sts_v2"},
       ListRow("elevenlabs/plan/pay_as_you_go", "elevenlabs")},
      // A row that names no price list claims none.
      {{"vertex", "", "m"}, ListRow("m", "")},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Notes(c.subject, c.row), "") << c.subject.provider << " " << c.row.key;
  }
}

TEST(PricingNotes, AShorterVersionsRowIsAModelFallback) {
  for (const std::string_view provider : {"gemini", "vertex"}) {
    const std::string prefix = provider == "gemini" ? "gemini/" : "vertex_ai/";
    const std::string list = provider == "gemini" ? "gemini" : "vertex_ai";
    EXPECT_EQ(Notes({provider, "gemini-2.5-flash-preview-05-20", ""},
                    ListRow(prefix + "gemini-2.5-flash", list)),
              "model_fallback")
        << provider;
    EXPECT_EQ(
        Notes({provider, "", "gemini-2.5-pro@default"}, ListRow(prefix + "gemini-2.5-pro", list)),
        "model_fallback")
        << provider;
  }
}

TEST(PricingNotes, TheRequestedAliasRowForAnotherServedModelIsAModelFallback) {
  EXPECT_EQ(Notes({"gemini", "gemini-3.6-flash", "gemini-flash-latest"},
                  ListRow("gemini/gemini-flash-latest", "gemini")),
            "model_fallback");
}

TEST(PricingNotes, AnotherProvidersRowIsAProviderFallback) {
  EXPECT_EQ(Notes({"vertex", "", "gemini-flash-latest"}, ListRow("gemini-flash-latest", "gemini")),
            "provider_fallback");
  EXPECT_EQ(Notes({"vertex", "", "gemini-2.5-flash"}, ListRow("gemini/gemini-2.5-flash", "gemini")),
            "provider_fallback");
  EXPECT_EQ(Notes({"gemini", "", "gemini-2.0-flash-lite-001"},
                  ListRow("gemini-2.0-flash-lite-001", "vertex_ai-language-models")),
            "provider_fallback");
  EXPECT_EQ(Notes({"google-tts", "", "gemini-2.5-flash-preview-tts"},
                  ListRow("gemini-2.5-flash-preview-tts", "gemini"), true),
            "provider_fallback,tier_fallback");
}

// PriceCall: the notes the proxy and central both record.

CallToPrice CallOf(PriceSubject subject, const Units& units, ServiceTier tier) {
  return {.subject = subject,
          .known_key = {},
          .units = units,
          .tier = tier,
          .metered = true,
          .provider_did_not_bill = false,
          .at_ms = Day2026(330)};
}

Units Tokens() {
  Units units;
  units.Set(kUnitInputTokens, 1000);
  units.Set(kUnitOutputTokens, 100);
  return units;
}

TEST(PricingNotes, ATierWithoutARateOnTheRowIsATierFallbackForEveryProviderAndTier) {
  const Units units = Tokens();
  // gemini-2.0-flash has no flex, priority or batch rates in either list.
  for (const std::string_view provider : {"gemini", "vertex"}) {
    for (const ServiceTier tier :
         {ServiceTier::kFlex, ServiceTier::kPriority, ServiceTier::kBatch}) {
      const CallPrice price =
          PriceCall(*BundledBook(), CallOf({provider, "", "gemini-2.0-flash"}, units, tier));
      ASSERT_TRUE(price.cost.has_value()) << provider;
      EXPECT_EQ(price.pricing_notes, "tier_fallback") << provider << " " << ServiceTierName(tier);
      EXPECT_EQ(price.cost, PriceCall(*BundledBook(), CallOf({provider, "", "gemini-2.0-flash"},
                                                             units, ServiceTier::kStandard))
                                .cost)
          << provider;
    }
  }
}

TEST(PricingNotes, ATierTheRowPricesHasNoNote) {
  const Units units = Tokens();
  for (const std::string_view provider : {"gemini", "vertex"}) {
    for (const ServiceTier tier : {ServiceTier::kStandard, ServiceTier::kFlex,
                                   ServiceTier::kPriority, ServiceTier::kBatch}) {
      const CallPrice price =
          PriceCall(*BundledBook(), CallOf({provider, "", "gemini-3.6-flash"}, units, tier));
      ASSERT_TRUE(price.cost.has_value()) << provider;
      EXPECT_EQ(price.pricing_notes, "") << provider << " " << ServiceTierName(tier);
    }
  }
}

TEST(PricingNotes, PriceCallNotesModelAndProviderFallbacks) {
  const Units units = Tokens();
  const CallPrice dated =
      PriceCall(*BundledBook(), CallOf({"gemini", "gemini-2.5-flash-002", "gemini-2.5-flash"},
                                       units, ServiceTier::kStandard));
  EXPECT_EQ(dated.price_key, "gemini/gemini-2.5-flash");
  EXPECT_EQ(dated.pricing_notes, "model_fallback");
  const CallPrice alias = PriceCall(
      *BundledBook(), CallOf({"vertex", "", "gemini-flash-latest"}, units, ServiceTier::kStandard));
  EXPECT_EQ(alias.price_key, "gemini-flash-latest");
  EXPECT_EQ(alias.pricing_notes, "provider_fallback");
}

TEST(PricingNotes, CallsNotPricedAtARowsRatesHaveNoNotes) {
  const Units units = Tokens();
  const PriceSubject dated{"gemini", "gemini-2.5-flash-002", ""};
  CallToPrice provisioned = CallOf(dated, units, ServiceTier::kProvisioned);
  EXPECT_EQ(PriceCall(*BundledBook(), provisioned).pricing_notes, "");
  CallToPrice refused = CallOf(dated, Units{}, ServiceTier::kFlex);
  refused.provider_did_not_bill = true;
  EXPECT_EQ(PriceCall(*BundledBook(), refused).pricing_notes, "");
  Units requests;
  requests.Set(kUnitRequests, 1);
  EXPECT_EQ(PriceCall(*BundledBook(), CallOf(dated, requests, ServiceTier::kFlex)).pricing_notes,
            "");
  EXPECT_EQ(
      PriceCall(*BundledBook(), CallOf({"gemini", "", "no-such-model"}, units, ServiceTier::kFlex))
          .pricing_notes,
      "");
}

TEST(PricingNotes, AKnownKeyGetsTheNotesOfItsRow) {
  // Central reprices from the proxy's key: the notes are those the proxy computed.
  const Units units = Tokens();
  CallToPrice call = CallOf({"gemini", "gemini-2.5-flash-002", ""}, units, ServiceTier::kFlex);
  call.known_key = "gemini/gemini-2.5-flash";
  const CallPrice known = PriceCall(*BundledBook(), call);
  call.known_key = {};
  const CallPrice resolved = PriceCall(*BundledBook(), call);
  EXPECT_EQ(known.pricing_notes, "model_fallback,tier_fallback");
  EXPECT_EQ(known.pricing_notes, resolved.pricing_notes);
  EXPECT_EQ(known.cost, resolved.cost);
}

}  // namespace
}  // namespace costgate::pricing
