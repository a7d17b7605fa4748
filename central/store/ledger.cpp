#include "central/store/ledger.h"

#include <algorithm>

namespace costgate::central {
namespace {

pricing::Money ShareOf(pricing::Money remaining, int64_t holders) {
  return pricing::Money::FromPico(remaining.pico() / (2 * std::max<int64_t>(holders, 1)));
}

}  // namespace

pricing::Money LeaseGrant(pricing::Money remaining, pricing::Money need, int64_t holders) {
  if (remaining.pico() <= 0) {
    return {};
  }
  const pricing::Money grant = std::max(std::min(remaining, need), ShareOf(remaining, holders));
  return std::min(grant, remaining);
}

bool LeaseRunsLow(pricing::Money granted, pricing::Money used, pricing::Money remaining,
                  int64_t holders) {
  if (remaining.pico() <= 0) {
    return false;  // there is nothing to give
  }
  // Both amounts are >= 0, so the difference cannot overflow; unused * 2 < share is written
  // without the product, which could.
  const int64_t unused = granted.pico() - used.pico();
  return unused < (ShareOf(remaining, holders).pico() + 1) / 2;
}

}  // namespace costgate::central
