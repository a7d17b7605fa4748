// PriceCall: the rules the proxy's price filter and central's reprice share.
#include "pricing/call_price.h"

#include <gtest/gtest.h>

#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

constexpr int64_t kAt = 1'763'800'000'000;

// A metered, billed call at kAt: the fields a test changes are set after.
CallToPrice Call(PriceSubject subject, const Units& units) {
  return {.subject = subject,
          .known_key = {},
          .units = units,
          .tier = ServiceTier::kStandard,
          .metered = true,
          .provider_did_not_bill = false,
          .at_ms = kAt};
}

Units InputTokens(int64_t n) {
  Units units;
  units.Set(kUnitInputTokens, n);
  return units;
}

constexpr PriceSubject kFlash001{"gemini", "", "gemini-2.0-flash-001"};

TEST(PriceCall, PricesUnitsWithTheKeyResolvedForTheSubject) {
  const Units units = InputTokens(1000);
  const CallPrice price = PriceCall(*BundledBook(), Call(kFlash001, units));
  // 1000 x $0.10/M (Gemini API list price)
  EXPECT_EQ(price.cost, Money::FromPico(100'000'000));
  EXPECT_EQ(price.price_key, "gemini/gemini-2.0-flash-001");
  EXPECT_EQ(price.pricing_version, BundledBook()->version());
  EXPECT_EQ(price.unpriced_reason, "");
}

TEST(PriceCall, AKnownKeyInTheBookWinsOverResolution) {
  const Units units = InputTokens(1000);
  // A Vertex AI call: the event says provider gemini, the proxy resolved the Vertex row.
  CallToPrice call = Call(kFlash001, units);
  call.known_key = "gemini-2.0-flash-001";
  const CallPrice price = PriceCall(*BundledBook(), call);
  // 1000 x $0.15/M (Vertex AI list price)
  EXPECT_EQ(price.cost, Money::FromPico(150'000'000));
  EXPECT_EQ(price.price_key, "gemini-2.0-flash-001");
}

TEST(PriceCall, AKnownKeyMissingFromTheBookFallsBackToResolution) {
  const Units units = InputTokens(1000);
  CallToPrice call = Call(kFlash001, units);
  call.known_key = "retired/key";
  const CallPrice price = PriceCall(*BundledBook(), call);
  EXPECT_EQ(price.cost, Money::FromPico(100'000'000));
  EXPECT_EQ(price.price_key, "gemini/gemini-2.0-flash-001");
}

TEST(PriceCall, UnmeteredCallIsUnpricedAsUnmetered) {
  const Units units = InputTokens(1000);
  CallToPrice call = Call(kFlash001, units);
  call.metered = false;
  const CallPrice price = PriceCall(*BundledBook(), call);
  EXPECT_FALSE(price.cost.has_value());
  EXPECT_EQ(price.unpriced_reason, "unmetered");
  EXPECT_EQ(price.pricing_version, "");
}

TEST(PriceCall, CallTheProviderDidNotBillCostsZero) {
  const Units none;
  CallToPrice call = Call(kFlash001, none);
  call.provider_did_not_bill = true;
  const CallPrice price = PriceCall(*BundledBook(), call);
  EXPECT_EQ(price.cost, Money{});
  EXPECT_EQ(price.pricing_version, BundledBook()->version());
  EXPECT_EQ(price.price_key, "gemini/gemini-2.0-flash-001");
}

TEST(PriceCall, AFreeOperationsLoneRequestsUnitCostsZeroEvenForAnUnknownModel) {
  Units units;
  units.Set(kUnitRequests, 1);
  for (const PriceSubject subject : {kFlash001, PriceSubject{"gemini", "", "no-such-model"}}) {
    const CallPrice price = PriceCall(*BundledBook(), Call(subject, units));
    EXPECT_EQ(price.cost, Money{}) << subject.model_requested;
    EXPECT_EQ(price.unpriced_reason, "");
  }
  units.Set(kUnitInputTokens, 10);  // with anything billable, the usual rules apply
  EXPECT_EQ(PriceCall(*BundledBook(), Call(kFlash001, units)).cost, Money::FromPico(1'000'000));
}

TEST(PriceCall, UnknownModelIsUnpricedWithTheReason) {
  const Units units = InputTokens(10);
  const CallPrice price = PriceCall(*BundledBook(), Call({"gemini", "", "gemini-9-ultra"}, units));
  EXPECT_FALSE(price.cost.has_value());
  EXPECT_EQ(price.unpriced, Unpriced::kUnknownModel);
  EXPECT_EQ(price.unpriced_reason, "unknown_model");
  EXPECT_EQ(price.price_key, "");
}

Units Credits(int64_t n) {
  Units units;
  units.Set(kUnitCredits, n);
  return units;
}

TEST(PriceCall, ElevenLabsCreditsPriceAtThePlanRateEvenWithoutAModelRow) {
  const Units units = Credits(250);
  // Sound generation names no model; the voice changer model has no catalogue row.
  for (const PriceSubject subject :
       {PriceSubject{"elevenlabs", "", ""},
        PriceSubject{"elevenlabs", "", "eleven_multilingual_sts_v2"}}) {
    const CallPrice price = PriceCall(*BundledBook(), Call(subject, units));
    // 250 credits x $0.0001 (pay_as_you_go)
    EXPECT_EQ(price.cost, Money::FromPico(25'000'000'000)) << subject.model_requested;
    EXPECT_EQ(price.price_key, "elevenlabs/plan/pay_as_you_go");
    EXPECT_EQ(price.unpriced_reason, "");
  }
}

TEST(PriceCall, CentralRepricingFromThePlanKeyGivesTheSameCost) {
  const Units units = Credits(250);
  CallToPrice call = Call({"elevenlabs", "", ""}, units);
  call.known_key = "elevenlabs/plan/pay_as_you_go";
  EXPECT_EQ(PriceCall(*BundledBook(), call).cost, Money::FromPico(25'000'000'000));
}

TEST(PriceCall, ElevenLabsCharactersWithoutAModelRowStayUnpriced) {
  // Characters become credits only by a model's credit factor: without the row, no guess.
  Units units;
  units.Set(kUnitCharacters, 100);
  const CallPrice price =
      PriceCall(*BundledBook(), Call({"elevenlabs", "", "eleven_unknown_v9"}, units));
  EXPECT_FALSE(price.cost.has_value());
  EXPECT_EQ(price.unpriced_reason, "unknown_model");
}

TEST(PriceCall, CreditsOnAnotherProviderAreNotPricedByTheElevenLabsPlan) {
  const CallPrice price =
      PriceCall(*BundledBook(), Call({"gemini", "", "no-such-model"}, Credits(5)));
  EXPECT_FALSE(price.cost.has_value());
  EXPECT_EQ(price.unpriced_reason, "unknown_model");
}

TEST(ProviderDidNotBill, OnlyWithoutUsageAndOnRefusalOrProviderFailure) {
  EXPECT_TRUE(ProviderDidNotBill(false, true, false, 0));      // denied by us
  EXPECT_TRUE(ProviderDidNotBill(false, false, true, 0));      // no answer
  EXPECT_TRUE(ProviderDidNotBill(false, false, true, 429));    // refused by the provider
  EXPECT_FALSE(ProviderDidNotBill(false, false, true, 200));   // cut mid-response
  EXPECT_FALSE(ProviderDidNotBill(true, true, false, 0));      // usage reported: billed
  EXPECT_FALSE(ProviderDidNotBill(false, false, false, 200));  // success without usage
}

}  // namespace
}  // namespace costgate::pricing
