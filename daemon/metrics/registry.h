// Metric families and their Prometheus text rendering.
//
// Hot path: Counter::Add, Gauge::Add and Histogram::Observe write to the calling thread's own
// shard (made on the thread's first use, kept after the thread ends so no count is lost) under
// the shard's mutex, which only Render ever contends for. Nothing is shared between worker
// threads. Render merges every shard under the registry lock and prints families in
// registration order, children sorted by label values.
//
// Handles (Counter, Gauge, Histogram) are small values; the Registry must outlive them. Label
// values are passed in the order of the family's label names, and their count must match.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace costgate::daemon::metrics {

enum class MetricType { kCounter, kGauge, kHistogram };

using LabelValues = std::initializer_list<std::string_view>;

// One value reported by a callback family.
struct Sample {
  std::vector<std::string> label_values;
  double value = 0;
};
using CollectFn = std::function<std::vector<Sample>()>;

class Registry;
struct FamilyDef;

class Counter {
 public:
  void Add(LabelValues labels, uint64_t n = 1) const;

 private:
  friend class Registry;
  Counter(Registry* registry, const FamilyDef* family) : registry_(registry), family_(family) {}
  Registry* registry_;
  const FamilyDef* family_;
};

// A gauge moved up and down by deltas (open connections, requests in flight). The rendered value
// is the sum of all deltas, whichever threads added them.
class Gauge {
 public:
  void Add(LabelValues labels, int64_t delta) const;

 private:
  friend class Registry;
  Gauge(Registry* registry, const FamilyDef* family) : registry_(registry), family_(family) {}
  Registry* registry_;
  const FamilyDef* family_;
};

class Histogram {
 public:
  void Observe(LabelValues labels, double value) const;

 private:
  friend class Registry;
  Histogram(Registry* registry, const FamilyDef* family) : registry_(registry), family_(family) {}
  Registry* registry_;
  const FamilyDef* family_;
};

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Names and label names are programmer constants: a duplicate family name is a bug (asserted).
  Counter AddCounter(std::string name, std::string help, std::vector<std::string> label_names = {});
  Gauge AddGauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  // `upper_bounds` strictly increasing and finite; the +Inf bucket is implied.
  Histogram AddHistogram(std::string name, std::string help, std::vector<std::string> label_names,
                         std::vector<double> upper_bounds);
  // A family whose samples `collect` returns at each Render (type kCounter or kGauge). It runs
  // under the registry lock: it must be quick and must not call into this registry.
  void AddCallback(MetricType type, std::string name, std::string help,
                   std::vector<std::string> label_names, CollectFn collect);
  // Unlabelled shorthand.
  void AddCallback(MetricType type, std::string name, std::string help,
                   std::function<double()> value);

  // The whole exposition, text format 0.0.4.
  std::string Render() const;

 private:
  friend class Counter;
  friend class Gauge;
  friend class Histogram;
  struct Shard;

  const FamilyDef* AddFamily(FamilyDef def);
  Shard& LocalShard();
  // Locks the shard and calls `update` with the cell for (family, labels).
  template <typename Update>
  void UpdateCell(const FamilyDef* family, LabelValues labels, Update update);

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace costgate::daemon::metrics
