#include "central/api/analytics_ranking.h"

#include <algorithm>
#include <map>

namespace costgate::central {

std::vector<AnalyticsRow> RankByFirstKey(const std::vector<AnalyticsRow>& rows, RankMeasure measure,
                                         size_t key_index) {
  std::map<std::string, AnalyticsMeasures> by_key;
  for (const AnalyticsRow& row : rows) {
    by_key[row.keys.at(key_index)] += row.measures;
  }
  std::vector<AnalyticsRow> ranked;
  ranked.reserve(by_key.size());
  for (auto& [key, measures] : by_key) {
    ranked.push_back({{key}, measures});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const AnalyticsRow& a, const AnalyticsRow& b) {
    return measure(a.measures) > measure(b.measures);
  });
  return ranked;
}

}  // namespace costgate::central
