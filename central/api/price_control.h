// What the price-book admin routes (admin_prices.cpp) need beyond the book in force: where the
// book's sources live (config pricing: history_dir, overrides_file), a way to rebuild and
// publish the book after a change, and the daemon's refresh status. central must not depend on
// the daemon, so the daemon's central role hands the refresh status in as a callback.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "pricing/book_holder.h"

namespace costgate::central {

class PriceControl {
 public:
  explicit PriceControl(pricing::PriceBookHolder& holder) : holder_(holder) {}

  // The daemon's settings; until called, the routes that change prices answer 409 (nothing
  // says where the book's sources are). `refresh_status` returns a JSON object's text (the last
  // refresh's result); empty: the caller has none to give.
  void Configure(config::PricingConfig pricing, std::function<std::string()> refresh_status = {});
  bool configured() const { return configured_; }
  const config::PricingConfig& pricing() const { return pricing_; }
  std::string RefreshStatus() const { return refresh_status_ ? refresh_status_() : ""; }

  // Rebuilds the book from every source (pricing/book_loader.h) and publishes it: events
  // priced from now on use it; stored events keep the price they were given. "" when
  // published, else the loader's errors joined (the book in force stays). Either way the
  // holder's load log notes it: `source` says what changed ("import", "override.create"),
  // `by` who changed it.
  std::string Reload(int64_t now_unix_ms, std::string_view source, std::string_view by);

  pricing::PriceBookHolder& holder() { return holder_; }

 private:
  pricing::PriceBookHolder& holder_;
  config::PricingConfig pricing_;
  std::function<std::string()> refresh_status_;
  bool configured_ = false;
};

}  // namespace costgate::central
