// How `costgate prices` prints amounts, rates, moments and JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "pricing/money.h"
#include "pricing/rate.h"

namespace costgate::daemon::cli {

// Exact USD with trailing zeros dropped, keeping two decimals: "0.00000125", "2.50", "160.00".
std::string TrimmedUsd(pricing::Money amount);

// $ per 1M units, for rates quoted that way (tokens, characters); "" for other rates or when the
// amount does not fit.
std::string PerMillionUsd(pricing::RateKind kind, pricing::Money per_unit);

// "token", "character", "image", "second", "credit": what one unit of a rate is.
std::string_view RateUnit(pricing::RateKind kind);

// RFC 3339 UTC with milliseconds; "always" for pricing::kSinceAlways.
std::string FormatMoment(int64_t unix_ms);
// When a row starts: "since always" or "from 2026-05-01T00:00:00.000Z".
std::string FormatFrom(int64_t unix_ms);

// A small JSON writer: commas and quoting only; the caller keeps the nesting right.
class JsonOut {
 public:
  JsonOut& Begin(char bracket);  // '{' or '['
  JsonOut& End(char bracket);    // '}' or ']'
  JsonOut& Key(std::string_view key);
  JsonOut& Str(std::string_view value);
  JsonOut& Int(int64_t value);
  JsonOut& Bool(bool value);
  JsonOut& Null();
  // Key then value, the common case.
  template <typename T>
  JsonOut& Field(std::string_view key, const T& value);
  const std::string& text() const { return out_; }

 private:
  void Comma();
  std::string out_;
  bool need_comma_ = false;
};

template <typename T>
JsonOut& JsonOut::Field(std::string_view key, const T& value) {
  Key(key);
  if constexpr (std::is_same_v<T, bool>) {
    return Bool(value);
  } else if constexpr (std::is_integral_v<T>) {
    return Int(static_cast<int64_t>(value));
  } else {
    return Str(value);
  }
}

}  // namespace costgate::daemon::cli
