// Internal to daemon/metrics: a family's definition, one child's accumulated values, and how a
// family is printed. Not for use outside this folder.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "daemon/metrics/registry.h"

namespace costgate::daemon::metrics {

struct FamilyDef {
  size_t index = 0;  // position in the registry, and in every shard
  MetricType type = MetricType::kCounter;
  std::string name;
  std::string help;
  std::vector<std::string> label_names;
  std::vector<double> upper_bounds;  // histograms only
  CollectFn collect;                 // set: a callback family, no cells
};

// One child (label value set) of a family, in one shard or merged.
struct Cell {
  uint64_t count = 0;             // counter value; histogram observation count
  int64_t gauge = 0;              // gauge: sum of deltas
  double sum = 0;                 // histogram sum
  std::vector<uint64_t> buckets;  // histogram, per bucket (not cumulative), +Inf last

  static Cell For(const FamilyDef& family);
  void Merge(const Cell& other);
};

void AppendCellFamily(std::string& out, const FamilyDef& family,
                      const std::map<std::vector<std::string>, Cell>& cells);
void AppendCallbackFamily(std::string& out, const FamilyDef& family, std::vector<Sample> samples);

}  // namespace costgate::daemon::metrics
