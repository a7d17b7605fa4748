#include "filters/meter/provider_meter.h"

#include "filters/gemini/call_meter.h"

namespace costgate::filters {

std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x) {
  if (x.provider == "gemini") {
    return gemini::CreateCallMeter(x);
  }
  return nullptr;
}

}  // namespace costgate::filters
