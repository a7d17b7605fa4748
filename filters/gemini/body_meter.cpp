#include "filters/gemini/body_meter.h"

#include "filters/gemini/call_outcome.h"
#include "filters/gemini/json_value.h"

namespace costgate::filters::gemini {

void BodyMeter::OnResponseHead(const ResponseHead& head) noexcept {
  if (IsSuccess(head.status)) {
    body_.emplace(head, static_cast<stream::ByteSink&>(*this));
  }
}

void BodyMeter::OnResponseBody(std::string_view chunk) noexcept {
  if (body_.has_value()) {
    body_->Feed(chunk);
  }
}

bool BodyMeter::FinishBody() noexcept {
  if (!body_.has_value()) {
    return false;
  }
  body_->Finish();
  return true;
}

void SetModelNames(std::string_view served, std::string_view request_model,
                   MeteredUsage& usage) noexcept {
  try {
    usage.model_version = served;
    if (auto requested = JsonString(request_model)) {
      usage.model_requested = BareModelName(*requested);
    }
  } catch (...) {
    // no memory for a name: the receipt goes without one
  }
}

}  // namespace costgate::filters::gemini
