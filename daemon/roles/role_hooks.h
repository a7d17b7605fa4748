// What every serving command shares beyond the server core: the configured files checked at
// start and on reload, the settings that change only on restart, the one price book of the
// process and its scheduled refresh. The ServerProcess's hooks (daemon/server/process.h).
#pragma once

#include <memory>
#include <string_view>

#include "config/config.h"
#include "daemon/log/logger.h"
#include "daemon/pricing/price_refresher.h"
#include "daemon/roles/role.h"
#include "daemon/server/process.h"
#include "pricing/book_holder.h"
#include "pricing/price_book.h"

namespace costgate::daemon::roles {

// True when `role` can use every file `config` names (config_files.h); otherwise false, with each
// problem logged at error as `msg` with its YAML "path" and the "error". A file that only
// degrades metering is logged and does not count.
bool ConfigFilesUsable(const config::Config& config, Role role, std::string_view msg,
                       const log::Logger& logger);

// The price book for `pricing`, logged; null (errors logged, and joined into `*errors` when
// given) when a source is invalid.
std::shared_ptr<const pricing::PriceBook> LoadBook(const config::PricingConfig& pricing,
                                                   log::Logger& logger,
                                                   std::string* errors = nullptr);

class RoleHooks final : public server::ProcessHooks {
 public:
  // Everything passed in outlives the hooks.
  RoleHooks(Role role, pricing::PriceBookHolder& prices, price_refresh::RefreshStats& stats,
            log::Logger& logger)
      : role_(role), prices_(prices), stats_(stats), logger_(logger) {}

  bool Usable(const config::Config& as_read, std::string_view msg) override;
  bool Prepare(const config::Config& current, const config::Config& next) override;
  void Commit(const config::Config& next) override;
  void Start(const config::Config& config) override;
  void Stop() override { refresher_.reset(); }  // interrupts a wait or a download; joins

 private:
  Role role_;
  pricing::PriceBookHolder& prices_;
  price_refresh::RefreshStats& stats_;
  log::Logger& logger_;
  std::shared_ptr<const pricing::PriceBook> next_book_;  // prepared, not yet published
  std::unique_ptr<price_refresh::PriceRefresher> refresher_;
};

}  // namespace costgate::daemon::roles
