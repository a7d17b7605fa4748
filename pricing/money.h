// Money: an exact amount of US dollars as an integer count of pico-USD (1e-12 USD).
//
// Why pico: every per-unit price our providers publish (down to $0.01875 per 1M tokens) is a
// whole number of pico-USD, so units x rate is exact and the cost of many receipts sums to the
// cost of their summed units without drift. int64 holds +-9.2 million USD, far above any one
// call; sums that could exceed it (central rollups) are the caller's to widen.
//
// Rounding happens once, at display (FormatUsd, RoundToMicroUsd): half to even ("banker's
// rounding") at the displayed precision, so rounding errors do not lean one way in a column.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::pricing {

inline constexpr int64_t kPicoPerUsd = 1'000'000'000'000;
inline constexpr int64_t kPicoPerMicroUsd = 1'000'000;

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromPico(int64_t pico) {
    Money m;
    m.pico_ = pico;
    return m;
  }
  constexpr int64_t pico() const { return pico_; }

  constexpr Money& operator+=(Money o) {
    pico_ += o.pico_;
    return *this;
  }
  friend constexpr Money operator+(Money a, Money b) { return a += b; }
  friend constexpr Money operator-(Money a, Money b) { return FromPico(a.pico_ - b.pico_); }
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  int64_t pico_ = 0;
};

// Parses a non-negative decimal amount of USD exactly: "0.000000075", "7.5e-08", "12", "1E3".
// Digits past the 12th decimal place are rounded half to even (a price like $0.22/hour turned
// into $/second is the only such case). nullopt: not a plain decimal number, negative, or
// larger than int64 pico-USD.
std::optional<Money> ParseUsd(std::string_view text);

// Rounds half to even to `decimals` decimal places (0..12) and prints it: FormatUsd(2.5 cents,
// 2) == "0.02"; FormatUsd(x, 12) is exact. Negative amounts print with a leading '-'.
std::string FormatUsd(Money amount, int decimals);

// The amount in whole micro-USD, rounded half to even (the V1 API's six decimals).
int64_t RoundToMicroUsd(Money amount);

// (a * b) / divisor rounded half to even, for a quantity times a per-unit price; nullopt when
// the result does not fit. `divisor` > 0.
std::optional<int64_t> MulDivRoundHalfEven(int64_t a, int64_t b, int64_t divisor);

}  // namespace costgate::pricing
