#include "central/api/price_control.h"

#include <filesystem>
#include <utility>

#include "pricing/book_loader.h"

namespace costgate::central {

void PriceControl::Configure(config::PricingConfig pricing,
                             std::function<std::string()> refresh_status) {
  pricing_ = std::move(pricing);
  refresh_status_ = std::move(refresh_status);
  configured_ = true;
}

std::string PriceControl::Reload(int64_t now_unix_ms, std::string_view source,
                                 std::string_view by) {
  // An overrides file not written yet holds no override (the loader would call it missing).
  config::PricingConfig sources = pricing_;
  std::error_code missing;
  if (!sources.overrides_file.empty() &&
      !std::filesystem::exists(sources.overrides_file, missing)) {
    sources.overrides_file.clear();
  }
  pricing::BookLoad load = pricing::LoadPriceBook(sources);
  pricing::BookLoadAttempt attempt{.at_unix_ms = now_unix_ms,
                                   .source = std::string(source),
                                   .from = std::string(by),
                                   .result = "ok",
                                   .error = pricing::JoinLoadErrors(load.errors),
                                   .version = ""};
  if (attempt.error.empty()) {
    attempt.version = load.book->version();
    holder_.Publish(std::move(load.book));
  } else {
    attempt.result = "failed";
    attempt.version = holder_.Share()->version();
  }
  std::string error = attempt.error;
  holder_.load_log().Note(std::move(attempt));
  return error;
}

}  // namespace costgate::central
