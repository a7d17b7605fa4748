#include "filters/provider_errors.h"

#include <array>

#include "filters/elevenlabs/errors.h"
#include "filters/elevenlabs/routes.h"
#include "filters/gemini/errors.h"
#include "filters/gemini/routes.h"
#include "filters/google_tts/errors.h"
#include "filters/google_tts/routes.h"
#include "filters/vertex/errors.h"
#include "filters/vertex/routes.h"

namespace costgate::filters {
namespace {

struct ProviderErrors {
  std::string_view provider;
  ErrorBodyFn body;
  int quota_status;
};

// Google's APIs answer an exhausted quota with 429 RESOURCE_EXHAUSTED.
constexpr int kGoogleQuotaStatus = 429;
constexpr int kDefaultQuotaStatus = 429;

// One line per provider folder, as route/builtin_routes.cpp lists their routes.
constexpr std::array<ProviderErrors, 4> kProviderErrors = {{
    {gemini::kProvider, &gemini::ErrorBody, kGoogleQuotaStatus},
    {vertex::kProvider, &vertex::ErrorBody, kGoogleQuotaStatus},
    {google_tts::kProvider, &google_tts::ErrorBody, kGoogleQuotaStatus},
    {elevenlabs::kProvider, &elevenlabs::ErrorBody, elevenlabs::kQuotaExceededStatus},
}};

const ProviderErrors* Find(std::string_view provider) noexcept {
  for (const ProviderErrors& row : kProviderErrors) {
    if (row.provider == provider) {
      return &row;
    }
  }
  return nullptr;
}

}  // namespace

ErrorBodyFn ProviderErrorBody(std::string_view provider) noexcept {
  const ProviderErrors* row = Find(provider);
  return row != nullptr ? row->body : nullptr;
}

int ProviderQuotaStatus(std::string_view provider) noexcept {
  const ProviderErrors* row = Find(provider);
  return row != nullptr ? row->quota_status : kDefaultQuotaStatus;
}

}  // namespace costgate::filters
