#include "daemon/cli/price_text.h"

#include "base/json_text.h"
#include "daemon/log/rfc3339.h"
#include "pricing/price_row.h"

namespace costgate::daemon::cli {

std::string TrimmedUsd(pricing::Money amount) {
  std::string text = pricing::FormatUsd(amount, 12);
  const size_t point = text.find('.');
  while (text.size() > point + 3 && text.back() == '0') {
    text.pop_back();
  }
  return text;
}

std::string PerMillionUsd(pricing::RateKind kind, pricing::Money per_unit) {
  const std::string_view unit = RateUnit(kind);
  if (unit != "token" && unit != "character") {
    return "";
  }
  auto pico = pricing::MulDivRoundHalfEven(per_unit.pico(), 1'000'000, 1);
  return pico ? TrimmedUsd(pricing::Money::FromPico(*pico)) : "";
}

std::string_view RateUnit(pricing::RateKind kind) {
  using pricing::RateKind;
  switch (kind) {
    case RateKind::kInputCharacter:
    case RateKind::kOutputCharacter:
      return "character";
    case RateKind::kOutputImage:
      return "image";
    case RateKind::kInputSecond:
    case RateKind::kInputAudioSecond:
    case RateKind::kOutputSecond:
      return "second";
    case RateKind::kCredit:
      return "credit";
    default:
      return "token";
  }
}

std::string FormatMoment(int64_t unix_ms) {
  if (unix_ms == pricing::kSinceAlways) {
    return "always";
  }
  std::string text;
  log::AppendRfc3339Millis(text, unix_ms);
  return text;
}

std::string FormatFrom(int64_t unix_ms) {
  return unix_ms == pricing::kSinceAlways ? "since always" : "from " + FormatMoment(unix_ms);
}

void JsonOut::Comma() {
  if (need_comma_) {
    out_ += ',';
  }
}

JsonOut& JsonOut::Begin(char bracket) {
  Comma();
  out_ += bracket;
  need_comma_ = false;
  return *this;
}

JsonOut& JsonOut::End(char bracket) {
  out_ += bracket;
  need_comma_ = true;
  return *this;
}

JsonOut& JsonOut::Key(std::string_view key) {
  Comma();
  base::AppendJsonString(out_, key);
  out_ += ':';
  need_comma_ = false;
  return *this;
}

JsonOut& JsonOut::Str(std::string_view value) {
  Comma();
  base::AppendJsonString(out_, value);
  need_comma_ = true;
  return *this;
}

JsonOut& JsonOut::Int(int64_t value) {
  Comma();
  out_ += std::to_string(value);
  need_comma_ = true;
  return *this;
}

JsonOut& JsonOut::Bool(bool value) {
  Comma();
  out_ += value ? "true" : "false";
  need_comma_ = true;
  return *this;
}

JsonOut& JsonOut::Null() {
  Comma();
  out_ += "null";
  need_comma_ = true;
  return *this;
}

}  // namespace costgate::daemon::cli
