// The skeleton shared by the meters that read Gemini's usageMetadata from the answer
// (generateContent, streamGenerateContent, embedContent, batchEmbedContents): a 2xx body streams
// through a StreamScanner (gzip, SSE or JSON array, last usage wins); any other answer is not
// read, as Google bills no error. The derived meter reads the request and, at Finish, starts
// from ReadReportedUsage and adds what it knows (an estimate, the requested tier).
#pragma once

#include <optional>
#include <string_view>

#include "filters/call_meter.h"
#include "filters/gemini/stream_scanner.h"
#include "filters/http_message.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini {

class UsageMetadataMeter : public CallMeter {
 public:
  // `operation` must outlive the meter (a literal: copying x.operation would allocate per call).
  UsageMetadataMeter(std::string_view operation, bool alt_sse) noexcept
      : operation_(operation), alt_sse_(alt_sse) {}

  void OnResponseHead(const ResponseHead& head) noexcept final;
  void OnResponseBody(std::string_view chunk) noexcept final;

 protected:
  // The usage the 2xx answer reported (or its partial reading); leaves `usage` alone otherwise.
  void ReadReportedUsage(MeteredUsage& usage) noexcept;

 private:
  const std::string_view operation_;
  const bool alt_sse_;
  std::optional<StreamScanner> scanner_;
};

}  // namespace costgate::filters::gemini
