#include "filters/meter/provider_meter.h"

#include "filters/elevenlabs/call_meter.h"
#include "filters/gemini/call_meter.h"
#include "filters/google_tts/call_meter.h"

namespace costgate::filters {

std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x) {
  if (x.provider == "gemini" || x.provider == "vertex") {
    return gemini::CreateCallMeter(x);
  }
  if (x.provider == "google-tts") {
    return google_tts::CreateCallMeter(x);
  }
  if (x.provider == "elevenlabs") {
    return elevenlabs::CreateCallMeter(x);
  }
  return nullptr;
}

}  // namespace costgate::filters
