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

std::string PriceControl::Reload(int64_t now_unix_ms) {
  // An overrides file not written yet holds no override (the loader would call it missing).
  config::PricingConfig sources = pricing_;
  std::error_code missing;
  if (!sources.overrides_file.empty() &&
      !std::filesystem::exists(sources.overrides_file, missing)) {
    sources.overrides_file.clear();
  }
  pricing::BookLoad load = pricing::LoadPriceBook(sources);
  if (!load.errors.empty()) {
    std::string joined;
    for (const std::string& error : load.errors) {
      joined += joined.empty() ? "" : "; ";
      joined += error;
    }
    return joined;
  }
  holder_.Publish(std::move(load.book));
  loaded_unix_ms_ = now_unix_ms;
  return "";
}

}  // namespace costgate::central
