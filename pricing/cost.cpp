#include "pricing/cost.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace costgate::pricing {
namespace {

// The line label of credits estimated from characters (ElevenLabs without character-cost).
constexpr std::string_view kCreditsFromCharacters = "credits (from characters)";

// Units that describe a call but are billed through another unit (or not at all).
bool IsInformational(std::string_view unit) {
  if (unit == kUnitTotalTokens || unit == kUnitRequests) {
    return true;
  }
  // Per-modality details (input_text_tokens, cached_input_video_tokens, ...): subsets of the
  // token counts; the ones with their own rates are read by name in BillTokens.
  constexpr std::string_view kSuffix = "_tokens";
  if (unit.size() > kSuffix.size() && unit.substr(unit.size() - kSuffix.size()) == kSuffix) {
    for (std::string_view prefix : {"input_", "output_", "cached_input_", "tool_use_input_"}) {
      if (unit.substr(0, prefix.size()) == prefix) {
        return true;
      }
    }
  }
  return false;
}

bool IsTokenUnit(std::string_view unit) {
  return unit == kUnitInputTokens || unit == kUnitOutputTokens || unit == kUnitCachedInputTokens ||
         unit == kUnitThinkingTokens || unit == kUnitToolUseInputTokens;
}

int64_t Clamp(int64_t v, int64_t lo, int64_t hi) { return std::max(lo, std::min(v, hi)); }

class Pricer {
 public:
  Pricer(const PriceBook& book, const PriceRow& row, ServiceTier tier, int64_t at_ms, Quote& q)
      : book_(book), row_(row), tier_(tier), at_ms_(at_ms), q_(q) {}

  void Run(const Units& units) {
    bool tokens = false;
    for (const auto& [name, value] : units.entries()) {
      if (IsTokenUnit(name)) {
        tokens = true;
      } else if (name == kUnitCharacters) {
        BillCharacters(value, units.Get(kUnitCredits).has_value());
      } else if (name == kUnitCredits) {
        BillCredits(name, value, 1);
      } else if (name == kUnitImages) {
        Bill(name, value, RateKind::kOutputImage);
      } else if (name == kUnitVideoSeconds) {
        Bill(name, value, RateKind::kOutputSecond);
      } else if (name == kUnitAudioMs) {
        Bill(name, value, RateKind::kInputSecond, 1000, RateKind::kInputAudioSecond);
      } else if (!IsInformational(name)) {
        Fail(Unpriced::kUnknownUnit, name);
      }
    }
    if (tokens) {
      BillTokens(units);
    }
  }

 private:
  struct Found {
    Money price;
    ServiceTier tier;
    Band band;
  };

  // The rate for this call's tier and band, falling back to the base band, then to `fallback`
  // (thinking -> output) within the same tier, and only then to the standard tier (flagged on
  // the quote): a flex call's thinking is billed at the flex output rate, not the standard
  // reasoning rate.
  std::optional<Found> Find(RateKind kind, std::optional<RateKind> fallback, RateKind& used) {
    for (ServiceTier tier : {tier_, ServiceTier::kStandard}) {
      for (std::optional<RateKind> candidate : {std::optional<RateKind>(kind), fallback}) {
        if (!candidate) {
          continue;
        }
        for (Band band : {band_, Band::kBase}) {
          if (auto price = row_.Rate(*candidate, tier, band)) {
            if (tier != tier_) {
              q_.tier_fallback = true;
            }
            used = *candidate;
            return Found{*price, tier, band};
          }
        }
      }
      if (tier_ == ServiceTier::kStandard) {
        break;
      }
    }
    return std::nullopt;
  }

  bool Has(RateKind kind) const {
    for (ServiceTier tier : {tier_, ServiceTier::kStandard}) {
      for (Band band : {band_, Band::kBase}) {
        if (row_.Rate(kind, tier, band)) {
          return true;
        }
      }
    }
    return false;
  }

  void Fail(Unpriced why, std::string_view unit) {
    if (q_.unpriced == Unpriced::kNone) {
      q_.unpriced = why;
      q_.missing_unit = unit;
    }
  }

  void AddLine(std::string_view unit, int64_t quantity, RateKind kind, const Found& rate,
               int64_t divisor, const PriceRow& row) {
    auto amount = MulDivRoundHalfEven(quantity, rate.price.pico(), divisor);
    if (!amount || q_.line_count == q_.lines.size()) {
      Fail(Unpriced::kOverflow, unit);
      return;
    }
    const Money line_amount = Money::FromPico(*amount);
    if (__builtin_add_overflow(q_.total.pico(), line_amount.pico(), &total_scratch_)) {
      Fail(Unpriced::kOverflow, unit);
      return;
    }
    q_.total = Money::FromPico(total_scratch_);
    q_.lines[q_.line_count++] = CostLine{unit,       quantity, kind,        rate.tier, rate.band,
                                         rate.price, divisor,  line_amount, &row};
  }

  // quantity x rate; `fallback` is used when the row has no `kind` rate. Zero needs no rate.
  void Bill(std::string_view unit, int64_t quantity, RateKind kind, int64_t divisor = 1,
            std::optional<RateKind> fallback = std::nullopt) {
    if (quantity == 0) {
      return;
    }
    if (quantity < 0) {
      Fail(Unpriced::kOverflow, unit);
      return;
    }
    std::optional<Found> rate = Find(kind, fallback, kind);
    if (!rate) {
      Fail(Unpriced::kNoRate, unit);
      return;
    }
    AddLine(unit, quantity, kind, *rate, divisor, row_);
  }

  // credits x $/credit. `quantity / divisor` credits: characters arrive as milli-credits
  // (divisor 1000), reduced so a line reads "500" credits rather than "500000/1000".
  void BillCredits(std::string_view unit, int64_t quantity, int64_t divisor) {
    if (quantity == 0) {
      return;
    }
    if (q_.plan_row == nullptr) {
      q_.plan_row = book_.ElevenLabsPlanRow(at_ms_);
    }
    std::optional<Money> per_credit;
    if (q_.plan_row != nullptr) {
      per_credit = q_.plan_row->Rate(RateKind::kCredit);
    }
    if (!per_credit) {
      Fail(Unpriced::kNoRate, unit);
      return;
    }
    const int64_t common = std::gcd(quantity, divisor);
    AddLine(unit == kUnitCharacters ? kCreditsFromCharacters : unit, quantity / common,
            RateKind::kCredit, Found{*per_credit, ServiceTier::kStandard, Band::kBase},
            divisor / common, *q_.plan_row);
  }

  void BillCharacters(int64_t characters, bool credits_reported) {
    if (row_.credits_per_character_milli > 0) {
      // ElevenLabs: the character-cost header (credits) is authoritative; characters only
      // estimate credits when it is absent.
      if (credits_reported) {
        return;
      }
      int64_t milli_credits = 0;
      if (__builtin_mul_overflow(characters, row_.credits_per_character_milli, &milli_credits)) {
        Fail(Unpriced::kOverflow, kUnitCharacters);
        return;
      }
      BillCredits(kUnitCharacters, milli_credits, 1000);
      return;
    }
    Bill(kUnitCharacters, characters, RateKind::kInputCharacter, 1, RateKind::kOutputCharacter);
  }

  void BillTokens(const Units& units) {
    auto get = [&](std::string_view name) {
      return std::max<int64_t>(0, units.Get(name).value_or(0));
    };
    const int64_t prompt = get(kUnitInputTokens);
    const int64_t cached = std::min(get(kUnitCachedInputTokens), prompt);
    const int64_t tool_use = get(kUnitToolUseInputTokens);
    if (row_.long_context_threshold > 0 && prompt > row_.long_context_threshold) {
      band_ = Band::kAbove;
    }
    int64_t audio_in = 0;
    if (Has(RateKind::kInputAudioToken)) {
      const int64_t cached_audio = std::min(get(kUnitCachedInputAudioTokens), cached);
      audio_in = Clamp(get(kUnitInputAudioTokens) - cached_audio, 0, prompt - cached);
    }
    Bill(kUnitInputTokens, prompt - cached - audio_in + tool_use, RateKind::kInputToken);
    Bill(kUnitInputAudioTokens, audio_in, RateKind::kInputAudioToken);
    Bill(kUnitCachedInputTokens, cached, RateKind::kCacheReadToken, 1, RateKind::kInputToken);

    const int64_t visible = get(kUnitOutputTokens);
    int64_t image_out = 0;
    if (Has(RateKind::kOutputImageToken)) {
      image_out = std::min(get(kUnitOutputImageTokens), visible);
    }
    int64_t audio_out = 0;
    if (Has(RateKind::kOutputAudioToken)) {
      audio_out = std::min(get(kUnitOutputAudioTokens), visible - image_out);
    }
    Bill(kUnitOutputTokens, visible - image_out - audio_out, RateKind::kOutputToken);
    Bill(kUnitOutputImageTokens, image_out, RateKind::kOutputImageToken);
    Bill(kUnitOutputAudioTokens, audio_out, RateKind::kOutputAudioToken);
    Bill(kUnitThinkingTokens, get(kUnitThinkingTokens), RateKind::kReasoningToken, 1,
         RateKind::kOutputToken);
  }

  const PriceBook& book_;
  const PriceRow& row_;
  ServiceTier tier_;
  Band band_ = Band::kBase;
  int64_t at_ms_;
  Quote& q_;
  int64_t total_scratch_ = 0;
};

}  // namespace

std::string_view UnpricedReason(Unpriced u) noexcept {
  switch (u) {
    case Unpriced::kNone:
      return "";
    case Unpriced::kNoUsage:
      return "no_usage";
    case Unpriced::kUnknownModel:
      return "unknown_model";
    case Unpriced::kNoRate:
      return "no_rate";
    case Unpriced::kUnknownUnit:
      return "unknown_unit";
    case Unpriced::kOverflow:
      return "overflow";
  }
  return "unknown";
}

Quote PriceWithRow(const PriceBook& book, const PriceRow& row, const Units& units, ServiceTier tier,
                   int64_t at_ms) {
  Quote q;
  q.row = &row;
  q.price_key = row.key;
  if (units.empty()) {
    q.unpriced = Unpriced::kNoUsage;
    return q;
  }
  if (tier == ServiceTier::kProvisioned) {
    return q;  // capacity bought in advance: the call itself costs nothing
  }
  Pricer(book, row, tier, at_ms, q).Run(units);
  if (!q.priced()) {
    q.total = Money{};
  }
  return q;
}

Quote PriceUsage(const PriceBook& book, const PriceSubject& subject, const Units& units,
                 ServiceTier tier, int64_t at_ms) {
  ResolvedKey resolved = ResolvePriceKey(book, subject, units, at_ms);
  if (resolved.row == nullptr) {
    Quote q;
    q.unpriced = units.empty() ? Unpriced::kNoUsage : Unpriced::kUnknownModel;
    return q;
  }
  Quote q = PriceWithRow(book, *resolved.row, units, tier, at_ms);
  q.price_key = std::move(resolved.key);
  return q;
}

ServiceTier ServiceTierFromWire(std::string_view service_tier, std::string_view traffic_type) {
  auto lower_equals = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return (x >= 'A' && x <= 'Z' ? static_cast<char>(x - 'A' + 'a') : x) == y;
           });
  };
  if (lower_equals(service_tier, "flex") || traffic_type == "ON_DEMAND_FLEX") {
    return ServiceTier::kFlex;
  }
  if (lower_equals(service_tier, "priority") || traffic_type == "ON_DEMAND_PRIORITY") {
    return ServiceTier::kPriority;
  }
  if (lower_equals(service_tier, "batch")) {
    return ServiceTier::kBatch;
  }
  if (traffic_type == "PROVISIONED_THROUGHPUT") {
    return ServiceTier::kProvisioned;
  }
  return ServiceTier::kStandard;
}

}  // namespace costgate::pricing
