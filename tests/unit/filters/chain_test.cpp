#include "filters/chain.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/unit/filters/bundled_prices_helpers.h"
#include "tests/unit/filters/collecting_receipt_sink.h"

namespace costgate::filters {
namespace {

config::Config GeminiConfig() {
  config::Config config;
  config::UpstreamConfig gemini;
  gemini.name = "gemini";
  gemini.url = "https://generativelanguage.googleapis.com";
  config.upstreams.push_back(gemini);
  return config;
}

// With a budget gate the order is route, attribute, preflight, meter, price, receipt,
// budget_settle (tests/unit/filters/preflight/preflight_filter_test.cpp).
TEST(FilterChainTest, OrderIsRouteAttributeMeterPriceReceiptWithPreflightOff) {
  CollectingReceiptSink sink;
  FilterStats stats;
  const FilterChain chain =
      FilterChain::Build(GeminiConfig(), sink, stats, BundledPrices(), {"h", "v"});
  EXPECT_EQ(chain.FilterNames(),
            (std::vector<std::string_view>{"route", "attribute", "meter", "price", "receipt"}));
}

TEST(FilterChainTest, CreatesFreshFiltersForEachRequest) {
  CollectingReceiptSink sink;
  FilterStats stats;
  const FilterChain chain =
      FilterChain::Build(GeminiConfig(), sink, stats, BundledPrices(), {"h", "v"});
  const auto first = chain.CreateFilters();
  const auto second = chain.CreateFilters();
  ASSERT_EQ(first.size(), 5u);
  ASSERT_EQ(second.size(), 5u);
  std::set<const Filter*> distinct;
  for (const auto& f : first) {
    distinct.insert(f.get());
  }
  for (const auto& f : second) {
    distinct.insert(f.get());
  }
  EXPECT_EQ(distinct.size(), 10u);
}

TEST(FilterChainTest, DescribesTheConfiguredRoutes) {
  CollectingReceiptSink sink;
  FilterStats stats;
  const FilterChain chain =
      FilterChain::Build(GeminiConfig(), sink, stats, BundledPrices(), {"h", "v"});
  const auto& routes = chain.RouteDescriptions();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].prefix, "/gemini/");
  EXPECT_EQ(routes[0].upstream, "https://generativelanguage.googleapis.com");
  EXPECT_EQ(routes[1].provider, "gemini");
  EXPECT_FALSE(routes[1].paths.empty());
}

TEST(FilterChainTest, WithoutUpstreamsThereAreNoRoutes) {
  CollectingReceiptSink sink;
  FilterStats stats;
  const FilterChain chain =
      FilterChain::Build(config::Config{}, sink, stats, BundledPrices(), {"h", "v"});
  EXPECT_TRUE(chain.RouteDescriptions().empty());
  Exchange x;
  x.request.method = "POST";
  x.request.target = "/gemini/v1beta/models/m:generateContent";
  EXPECT_EQ(chain.CreateFilters().front()->OnRequest(x), Next::kAnswered);
  EXPECT_EQ(x.reply.reason, "unknown_route");
}

TEST(FilterChainTest, OutlivesTheConfigItWasBuiltFrom) {
  CollectingReceiptSink sink;
  FilterStats stats;
  auto config = std::make_unique<config::Config>(GeminiConfig());
  config->labels.project = "from-config";
  const FilterChain chain = FilterChain::Build(*config, sink, stats, BundledPrices(), {"h", "v"});
  config.reset();
  Exchange x;
  x.request.method = "GET";
  x.request.target = "/v1beta/models";
  auto filters = chain.CreateFilters();
  EXPECT_EQ(filters[0]->OnRequest(x), Next::kContinue);
  EXPECT_EQ(filters[1]->OnRequest(x), Next::kContinue);
  EXPECT_EQ(x.labels.project, "from-config");
}

}  // namespace
}  // namespace costgate::filters
