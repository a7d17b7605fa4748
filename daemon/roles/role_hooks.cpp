#include "daemon/roles/role_hooks.h"

#include "base/clock.h"
#include "daemon/roles/config_files.h"
#include "daemon/util/release_memory.h"
#include "pricing/book_loader.h"

namespace costgate::daemon::roles {

bool ConfigFilesUsable(const config::Config& config, Role role, std::string_view msg,
                       const log::Logger& logger) {
  bool usable = true;
  for (const config::ConfigError& e : CheckConfigFiles(config, role)) {
    if (OnlyDegradesMetering(e)) {
      logger.Error("configured file unusable; running without it")
          .Str("path", e.path)
          .Str("error", e.message)
          .Emit();
      continue;
    }
    logger.Error(msg).Str("path", e.path).Str("error", e.message).Emit();
    usable = false;
  }
  return usable;
}

std::shared_ptr<const pricing::PriceBook> LoadBook(const config::PricingConfig& pricing,
                                                   log::Logger& logger, std::string* errors) {
  pricing::BookLoad load = pricing::LoadPriceBook(pricing);
  for (const std::string& note : load.notes) {
    logger.Info("price book note").Str("note", note).Emit();
  }
  if (!load.errors.empty() || !load.book) {
    for (const std::string& error : load.errors) {
      logger.Error("cannot load the price book").Str("error", error).Emit();
    }
    if (errors != nullptr) {
      *errors = pricing::JoinLoadErrors(load.errors);
    }
    return nullptr;
  }
  util::ReleaseFreedMemory();
  logger.Info("price book loaded")
      .Str("version", load.book->version())
      .Uint("keys", load.book->key_count())
      .Str("elevenlabs_plan", load.book->options().elevenlabs_plan)
      .Emit();
  return load.book;
}

bool RoleHooks::Usable(const config::Config& as_read, std::string_view msg) {
  return ConfigFilesUsable(as_read, role_, msg, logger_);
}

bool RoleHooks::Prepare(const config::Config& current, const config::Config& next) {
  // Only what this process's roles use: a proxy does not care where central would listen.
  const bool proxy = role_ != Role::kCentral;
  const bool central = role_ != Role::kProxy;
  // preflight.mode and holder_id: the leases and holds of this process belong to its holder
  // and its mode's gate service (daemon/budget/gate_service.h).
  const bool proxy_restart =
      next.listen != current.listen || next.receipts.path != current.receipts.path ||
      next.receipts.synchronous != current.receipts.synchronous ||
      next.shipper != current.shipper || next.preflight.mode != current.preflight.mode ||
      next.preflight.holder_id != current.preflight.holder_id;
  const bool central_restart = next.central.listen != current.central.listen ||
                               next.central.store != current.central.store ||
                               next.alerts != current.alerts;
  if ((proxy && proxy_restart) || (central && central_restart)) {
    logger_
        .Warn(
            "listen, receipts.path/synchronous, shipper, preflight.mode/holder_id, "
            "central.store (central.database) and alerts change only on restart")
        .Emit();
  }
  next_book_.reset();
  if (next.pricing == current.pricing) {
    return true;
  }
  std::string errors;
  next_book_ = LoadBook(next.pricing, logger_, &errors);
  if (!next_book_) {
    prices_.load_log().Note({.at_unix_ms = base::NowUnixMs(),
                             .source = "reload",
                             .from = "",
                             .result = "failed",
                             .error = errors,
                             .version = prices_.Share()->version()});
  }
  return next_book_ != nullptr;
}

void RoleHooks::Commit(const config::Config& next) {
  if (!next_book_) {
    return;
  }
  refresher_.reset();  // the old configuration's refresher must not publish after this book
  prices_.load_log().Note({.at_unix_ms = base::NowUnixMs(),
                           .source = "reload",
                           .from = "",
                           .result = "ok",
                           .error = "",
                           .version = next_book_->version()});
  prices_.Publish(std::move(next_book_));
  next_book_.reset();
  Start(next);
}

void RoleHooks::Start(const config::Config& config) {
  refresher_.reset();
  if (!config.pricing.refresh.url.empty()) {
    refresher_ =
        std::make_unique<price_refresh::PriceRefresher>(config.pricing, prices_, stats_, logger_);
  }
}

}  // namespace costgate::daemon::roles
