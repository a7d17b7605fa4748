#include "pricing/feed_in_force.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "pricing/bundled.h"
#include "pricing/litellm_catalogue.h"
#include "pricing/price_history.h"

namespace costgate::pricing {

FeedInForce CurrentLiteLlmFeed(const std::string& history_dir) {
  const HistoryList history = ListPriceHistory(history_dir);
  if (history.versions.empty()) {
    return {"the bundled snapshot", LoadLiteLlmCatalogue(BundledLiteLlmJson(), 0).rows, ""};
  }
  const std::string& path = history.versions.back().path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {path, {}, "cannot read " + path + ": " + std::strerror(errno)};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return {path, LoadLiteLlmCatalogue(text.str(), 0).rows, ""};
}

}  // namespace costgate::pricing
