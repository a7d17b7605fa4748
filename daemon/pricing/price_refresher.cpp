#include "daemon/pricing/price_refresher.h"

#include <filesystem>

#include "base/clock.h"
#include "daemon/log/redact.h"
#include "daemon/pricing/feed_fetch.h"
#include "daemon/util/curl_transfer.h"
#include "daemon/util/release_memory.h"
#include "pricing/book_loader.h"
#include "pricing/catalogue_diff.h"
#include "pricing/litellm_catalogue.h"
#include "pricing/price_history.h"

namespace costgate::daemon::price_refresh {

namespace pricing = costgate::pricing;

namespace {

// One log field for a list of errors: the first, and how many more.
std::string Summary(const std::vector<std::string>& errors) {
  std::string text = errors.front();
  if (errors.size() > 1) {
    text += " (and " + std::to_string(errors.size() - 1) + " more)";
  }
  return text;
}

}  // namespace

PriceRefresher::PriceRefresher(config::PricingConfig pricing_config,
                               pricing::PriceBookHolder& holder, RefreshStats& stats,
                               log::Logger& logger, std::chrono::milliseconds first_delay)
    : pricing_(std::move(pricing_config)),
      holder_(holder),
      stats_(stats),
      logger_(logger),
      first_delay_(first_delay) {
  util::InitCurlOnce();  // here, on the starting thread: curl_global_init is not thread-safe
  thread_ = std::jthread([this](std::stop_token stop) { Run(std::move(stop)); });
}

PriceRefresher::~PriceRefresher() {
  thread_.request_stop();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void PriceRefresher::Run(std::stop_token stop) {
  auto next = std::chrono::steady_clock::now() + first_delay_;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      // Nothing else notifies: the wait ends at `next` or, at once, when a stop is requested.
      wake_.wait_until(lock, stop, next, [] { return false; });
    }
    if (stop.stop_requested()) {
      return;
    }
    RefreshOnce(stop);
    next = std::chrono::steady_clock::now() + pricing_.refresh.interval;
  }
}

void PriceRefresher::Note(std::string result, std::string error, std::string version) {
  holder_.load_log().Note({.at_unix_ms = base::NowUnixMs(),
                           .source = "refresh",
                           .from = log::LoggableUrl(pricing_.refresh.url),
                           .result = std::move(result),
                           .error = std::move(error),
                           .version = std::move(version)});
}

RefreshResult PriceRefresher::Failed(const std::string& reason) {
  stats_.failed.fetch_add(1, std::memory_order_relaxed);
  Note("failed", reason, holder_.Share()->version());
  logger_.Warn("price refresh failed")
      .Str("url", log::LoggableUrl(pricing_.refresh.url))
      .Str("reason", reason)
      .Str("keeping_version", holder_.Share()->version())
      .Emit();
  return RefreshResult::kFailed;
}

RefreshResult PriceRefresher::RefreshOnce(std::stop_token stop) {
  std::lock_guard refresh_lock(refresh_mutex_);
  FetchResult fetched = FetchFeed(pricing_.refresh, stop);
  if (!fetched.ok) {
    return stop.stop_requested() ? RefreshResult::kStopped : Failed("download: " + fetched.error);
  }
  // The saved file's name carries this moment, and the new prices apply from it on.
  const int64_t now_ms = base::NowUnixMs();
  const pricing::CatalogueLoad feed = pricing::LoadLiteLlmCatalogue(fetched.body, now_ms);
  if (!feed.errors.empty()) {
    return Failed("not a valid LiteLLM price catalogue: " + Summary(feed.errors));
  }
  const pricing::SaveResult saved =
      pricing::SaveToPriceHistory(pricing_.history_dir, fetched.body, now_ms);
  if (!saved.error.empty()) {
    return Failed("cannot save the feed: " + saved.error);
  }
  // Rebuilt even when the feed repeats the newest saved version: `costgate prices import` may
  // have saved a version since this book was built.
  const pricing::BookLoad load = pricing::LoadPriceBook(pricing_);
  util::ReleaseFreedMemory();
  if (!load.book) {
    return Failed("the price sources do not load: " + Summary(load.errors));
  }
  const std::shared_ptr<const pricing::PriceBook> old = holder_.Share();
  if (old->version() == load.book->version()) {
    // Same prices (the feed's text changed but none of its rates did): the file would only
    // grow the history by a megabyte or two a day, so it goes.
    if (saved.written) {
      std::error_code ignored;
      std::filesystem::remove(saved.path, ignored);
    }
    stats_.unchanged.fetch_add(1, std::memory_order_relaxed);
    Note("unchanged", "", old->version());
    logger_.Info("price feed unchanged")
        .Str("url", log::LoggableUrl(pricing_.refresh.url))
        .Str("version", old->version())
        .Emit();
    return RefreshResult::kUnchanged;
  }
  const pricing::CatalogueDiff diff = pricing::DiffBooks(*old, *load.book, now_ms);
  Note("ok", "", load.book->version());
  holder_.Publish(load.book);
  stats_.ok.fetch_add(1, std::memory_order_relaxed);
  logger_.Info("price book refreshed")
      .Str("url", log::LoggableUrl(pricing_.refresh.url))
      .Str("old_version", old->version())
      .Str("new_version", load.book->version())
      .Uint("keys", load.book->key_count())
      .Uint("added", diff.added.size())
      .Uint("removed", diff.removed.size())
      .Uint("repriced", diff.repriced.size())
      .Str("saved", saved.path)
      .Bool("new_file", saved.written)
      .Emit();
  return RefreshResult::kOk;
}

}  // namespace costgate::daemon::price_refresh
