#include "central/api/json_out.h"

namespace costgate::central {

std::string UsdNumber(pricing::Money amount) {
  // 12 decimals is exact for pico-USD; the zeros it pads with carry no information.
  std::string text = pricing::FormatUsd(amount, 12);
  while (text.back() == '0') {
    text.pop_back();
  }
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

}  // namespace costgate::central
