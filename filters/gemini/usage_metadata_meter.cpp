#include "filters/gemini/usage_metadata_meter.h"

#include "filters/gemini/call_outcome.h"
#include "filters/gemini/meter.h"

namespace costgate::filters::gemini {

void UsageMetadataMeter::OnResponseHead(const ResponseHead& head) noexcept {
  if (IsSuccess(head.status)) {
    scanner_.emplace(ChooseMeterOptions(operation_, alt_sse_, head));
  }
}

void UsageMetadataMeter::OnResponseBody(std::string_view chunk) noexcept {
  if (scanner_.has_value()) {
    scanner_->Feed(chunk);
  }
}

void UsageMetadataMeter::ReadReportedUsage(MeteredUsage& usage) noexcept {
  if (scanner_.has_value()) {
    scanner_->Finish();
    usage = scanner_->usage();
  }
}

}  // namespace costgate::filters::gemini
