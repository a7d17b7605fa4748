#include "filters/meter/provider_meter.h"

#include "filters/gemini/meter.h"

namespace costgate::filters {

std::unique_ptr<UsageMeter> CreateProviderMeter(const Exchange& x) {
  if (x.provider == "gemini") {
    return gemini::CreateMeter(gemini::ChooseMeterOptions(x.operation, x.stream_sse, *x.response));
  }
  return nullptr;
}

}  // namespace costgate::filters
