// pricing: the price sources beyond the bundled data, and the scheduled refresh.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

// The single error a pricing.refresh.url is rejected with.
ConfigError RefreshUrlError(const std::string& url) {
  std::vector<ConfigError> errors = LoadRejected("pricing: {refresh: {url: '" + url + "'}}");
  EXPECT_EQ(errors.size(), 1u);
  return errors.empty() ? ConfigError{} : errors[0];
}

TEST(YamlPricing, DefaultsDownloadNothing) {
  const PricingConfig pricing = DefaultConfig().pricing;
  EXPECT_EQ(pricing.history_dir, "costgate-prices");
  EXPECT_EQ(pricing.overrides_file, "");
  EXPECT_EQ(pricing.elevenlabs_plan, "pay_as_you_go");
  EXPECT_EQ(pricing.refresh.url, "");
  EXPECT_EQ(pricing.refresh.interval, Millis(86'400'000));
  EXPECT_EQ(pricing.refresh.timeout, Millis(30'000));
  EXPECT_EQ(pricing.refresh.ca_file, "");
}

TEST(YamlPricing, ReadsEveryKey) {
  const Config config = LoadAccepted(R"(
pricing:
  history_dir: /var/lib/costgate/prices
  overrides_file: /etc/costgate/price-overrides.yaml
  elevenlabs_plan: creator
  refresh:
    url: https://prices.internal/litellm/model_prices.json?ref=main
    interval_ms: 3600000
    timeout_ms: 5000
    ca_file: /etc/costgate/feed-ca.pem
)");
  const PricingConfig& pricing = config.pricing;
  EXPECT_EQ(pricing.history_dir, "/var/lib/costgate/prices");
  EXPECT_EQ(pricing.overrides_file, "/etc/costgate/price-overrides.yaml");
  EXPECT_EQ(pricing.elevenlabs_plan, "creator");
  EXPECT_EQ(pricing.refresh.url, "https://prices.internal/litellm/model_prices.json?ref=main");
  EXPECT_EQ(pricing.refresh.interval, Millis(3'600'000));
  EXPECT_EQ(pricing.refresh.timeout, Millis(5'000));
  EXPECT_EQ(pricing.refresh.ca_file, "/etc/costgate/feed-ca.pem");
}

TEST(YamlPricing, AcceptsPlainHttpAndLoopbackWithPortForTheFeed) {
  EXPECT_EQ(LoadAccepted("pricing: {refresh: {url: 'http://127.0.0.1:8080/prices.json'}}")
                .pricing.refresh.url,
            "http://127.0.0.1:8080/prices.json");
  EXPECT_EQ(LoadAccepted("pricing: {refresh: {url: 'https://[::1]:9443'}}").pricing.refresh.url,
            "https://[::1]:9443");
}

TEST(YamlPricing, EmptyRefreshUrlTurnsTheRefreshOff) {
  EXPECT_EQ(LoadAccepted("pricing: {refresh: {url: ''}}").pricing.refresh.url, "");
  EXPECT_EQ(LoadAccepted("pricing:\n  refresh:\n    url:\n").pricing.refresh.url, "");
}

TEST(YamlPricing, RejectsRefreshUrlWithAnotherScheme) {
  const ConfigError error = RefreshUrlError("ftp://prices.internal/prices.json");
  EXPECT_EQ(error.path, "pricing.refresh.url");
  EXPECT_NE(error.message.find("the scheme must be http or https"), std::string::npos)
      << error.message;
}

TEST(YamlPricing, RejectsRefreshUrlWithoutAHost) {
  EXPECT_EQ(RefreshUrlError("https:///prices.json").path, "pricing.refresh.url");
  EXPECT_NE(RefreshUrlError("https:///prices.json").message.find("missing host"),
            std::string::npos);
}

TEST(YamlPricing, RejectsRefreshUrlWithCredentials) {
  const ConfigError error = RefreshUrlError("https://user:secret@prices.internal/p.json");
  EXPECT_NE(error.message.find("userinfo is not allowed"), std::string::npos) << error.message;
}

TEST(YamlPricing, RejectsRefreshUrlWithASpace) {
  const ConfigError error = RefreshUrlError("https://prices.internal/model prices.json");
  EXPECT_EQ(error.path, "pricing.refresh.url");
  EXPECT_NE(error.message.find("spaces"), std::string::npos) << error.message;
}

TEST(YamlPricing, RejectsRefreshIntervalUnderAMinute) {
  const std::vector<ConfigError> errors = LoadRejected("pricing: {refresh: {interval_ms: 59999}}");
  EXPECT_EQ(PathsOf(errors), (Paths{"pricing.refresh.interval_ms"}));
  EXPECT_EQ(LoadAccepted("pricing: {refresh: {interval_ms: 60000}}").pricing.refresh.interval,
            Millis(60'000));
}

TEST(YamlPricing, RejectsRefreshIntervalOverAWeek) {
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {refresh: {interval_ms: 604800001}}")),
            (Paths{"pricing.refresh.interval_ms"}));
  EXPECT_EQ(LoadAccepted("pricing: {refresh: {interval_ms: 604800000}}").pricing.refresh.interval,
            Millis(604'800'000));
}

TEST(YamlPricing, RejectsZeroRefreshTimeout) {
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {refresh: {timeout_ms: 0}}")),
            (Paths{"pricing.refresh.timeout_ms"}));
}

TEST(YamlPricing, RejectsEmptyHistoryDir) {
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {history_dir: ''}")), (Paths{"pricing.history_dir"}));
}

TEST(YamlPricing, RejectsPlanNameThatCannotBeAPriceKey) {
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {elevenlabs_plan: 'Pro Plan'}")),
            (Paths{"pricing.elevenlabs_plan"}));
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {elevenlabs_plan: ''}")),
            (Paths{"pricing.elevenlabs_plan"}));
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {elevenlabs_plan: 'a/b'}")),
            (Paths{"pricing.elevenlabs_plan"}));
}

TEST(YamlPricing, UnknownKeyListsSettingsAndNestedSections) {
  const std::vector<ConfigError> errors = LoadRejected("pricing: {refresh_url: x}");
  ASSERT_EQ(PathsOf(errors), (Paths{"pricing.refresh_url"}));
  EXPECT_NE(errors[0].message.find("history_dir, overrides_file, elevenlabs_plan, refresh"),
            std::string::npos)
      << errors[0].message;
}

TEST(YamlPricing, UnknownKeyInRefreshIsReportedWithItsFullPath) {
  const std::vector<ConfigError> errors = LoadRejected("pricing: {refresh: {every_ms: 60000}}");
  ASSERT_EQ(PathsOf(errors), (Paths{"pricing.refresh.every_ms"}));
  EXPECT_NE(errors[0].message.find("url, interval_ms, timeout_ms, ca_file"), std::string::npos)
      << errors[0].message;
}

TEST(YamlPricing, RefreshMustBeAMap) {
  EXPECT_EQ(PathsOf(LoadRejected("pricing: {refresh: 'https://prices.internal'}")),
            (Paths{"pricing.refresh"}));
}

TEST(YamlPricing, EmptyRefreshSectionKeepsDefaults) {
  EXPECT_EQ(LoadAccepted("pricing:\n  refresh:\n").pricing, DefaultConfig().pricing);
}

TEST(YamlPricing, ReportsEveryErrorOfTheSectionAtOnce) {
  const std::vector<ConfigError> errors = LoadRejected(R"(
pricing:
  elevenlabs_plan: "no spaces"
  refresh:
    url: gopher://x
    interval_ms: 1
)");
  EXPECT_EQ(PathsOf(errors), (Paths{"pricing.elevenlabs_plan", "pricing.refresh.url",
                                    "pricing.refresh.interval_ms"}));
}

TEST(EnvOverridesPricing, SetEveryPricingVariable) {
  const Config config =
      LoadAccepted("", {{"COSTGATE_PRICING_HISTORY_DIR", "/data/prices"},
                        {"COSTGATE_PRICING_OVERRIDES_FILE", "/etc/costgate/overrides.yaml"},
                        {"COSTGATE_PRICING_ELEVENLABS_PLAN", "scale"},
                        {"COSTGATE_PRICING_REFRESH_URL", "https://feed.internal/p.json"}});
  EXPECT_EQ(config.pricing.history_dir, "/data/prices");
  EXPECT_EQ(config.pricing.overrides_file, "/etc/costgate/overrides.yaml");
  EXPECT_EQ(config.pricing.elevenlabs_plan, "scale");
  EXPECT_EQ(config.pricing.refresh.url, "https://feed.internal/p.json");
}

TEST(EnvOverridesPricing, EmptyRefreshUrlVariableTurnsOffTheFileSetting) {
  const Config config = LoadAccepted("pricing: {refresh: {url: 'https://feed.internal/p.json'}}",
                                     {{"COSTGATE_PRICING_REFRESH_URL", ""}});
  EXPECT_EQ(config.pricing.refresh.url, "");
}

TEST(EnvOverridesPricing, RejectedRefreshUrlIsReportedUnderTheVariableName) {
  const std::vector<ConfigError> errors =
      LoadRejected("", {{"COSTGATE_PRICING_REFRESH_URL", "file:///etc/passwd"}});
  EXPECT_EQ(PathsOf(errors), (Paths{"COSTGATE_PRICING_REFRESH_URL"}));
}

}  // namespace
}  // namespace costgate::config
