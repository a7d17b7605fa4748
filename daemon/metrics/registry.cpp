#include "daemon/metrics/registry.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <map>
#include <mutex>
#include <span>
#include <unordered_map>

#include "daemon/metrics/family.h"

namespace costgate::daemon::metrics {
namespace {

using Key = std::vector<std::string>;
using KeyView = std::span<const std::string_view>;

// Hash and equality shared by stored keys and the caller's string_views, so a lookup on the hot
// path builds no strings (heterogeneous lookup).
struct KeyHash {
  using is_transparent = void;
  template <typename Range>
  size_t Combine(const Range& values) const {
    size_t h = 0x9e3779b97f4a7c15;
    for (std::string_view v : values) {
      h ^= std::hash<std::string_view>{}(v) + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2);
    }
    return h;
  }
  size_t operator()(const Key& key) const { return Combine(key); }
  size_t operator()(KeyView key) const { return Combine(key); }
};

struct KeyEq {
  using is_transparent = void;
  bool operator()(const Key& a, const Key& b) const { return a == b; }
  bool operator()(KeyView a, const Key& b) const {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](std::string_view x, const std::string& y) { return x == y; });
  }
  bool operator()(const Key& a, KeyView b) const { return (*this)(b, a); }
};

using CellMap = std::unordered_map<Key, Cell, KeyHash, KeyEq>;

std::atomic<uint64_t> next_registry_id{1};

FamilyDef MakeFamily(MetricType type, std::string name, std::string help,
                     std::vector<std::string> label_names) {
  FamilyDef def;
  def.type = type;
  def.name = std::move(name);
  def.help = std::move(help);
  def.label_names = std::move(label_names);
  return def;
}

}  // namespace

struct Registry::Shard {
  std::mutex mu;
  std::vector<CellMap> families;  // by FamilyDef::index; grows as families are added
};

struct Registry::State {
  uint64_t id = next_registry_id.fetch_add(1, std::memory_order_relaxed);
  mutable std::mutex mu;
  std::vector<std::unique_ptr<FamilyDef>> families;
  std::vector<std::unique_ptr<Shard>> shards;
};

Registry::Registry() : state_(std::make_unique<State>()) {}
Registry::~Registry() = default;

const FamilyDef* Registry::AddFamily(FamilyDef def) {
  std::lock_guard lock(state_->mu);
  assert(std::none_of(state_->families.begin(), state_->families.end(),
                      [&](const auto& f) { return f->name == def.name; }));
  def.index = state_->families.size();
  state_->families.push_back(std::make_unique<FamilyDef>(std::move(def)));
  return state_->families.back().get();
}

Counter Registry::AddCounter(std::string name, std::string help,
                             std::vector<std::string> label_names) {
  return Counter(this, AddFamily(MakeFamily(MetricType::kCounter, std::move(name), std::move(help),
                                            std::move(label_names))));
}

Gauge Registry::AddGauge(std::string name, std::string help, std::vector<std::string> label_names) {
  return Gauge(this, AddFamily(MakeFamily(MetricType::kGauge, std::move(name), std::move(help),
                                          std::move(label_names))));
}

Histogram Registry::AddHistogram(std::string name, std::string help,
                                 std::vector<std::string> label_names,
                                 std::vector<double> upper_bounds) {
  assert(std::is_sorted(upper_bounds.begin(), upper_bounds.end()) &&
         std::adjacent_find(upper_bounds.begin(), upper_bounds.end()) == upper_bounds.end());
  FamilyDef def =
      MakeFamily(MetricType::kHistogram, std::move(name), std::move(help), std::move(label_names));
  def.upper_bounds = std::move(upper_bounds);
  return Histogram(this, AddFamily(std::move(def)));
}

void Registry::AddCallback(MetricType type, std::string name, std::string help,
                           std::vector<std::string> label_names, CollectFn collect) {
  assert(type != MetricType::kHistogram);
  FamilyDef def = MakeFamily(type, std::move(name), std::move(help), std::move(label_names));
  def.collect = std::move(collect);
  AddFamily(std::move(def));
}

void Registry::AddCallback(MetricType type, std::string name, std::string help,
                           std::function<double()> value) {
  AddCallback(type, std::move(name), std::move(help), {}, [value = std::move(value)] {
    return std::vector<Sample>{{{}, value()}};
  });
}

Registry::Shard& Registry::LocalShard() {
  struct Entry {
    uint64_t registry_id;
    Shard* shard;
  };
  // Registry ids are never reused, so an entry left by a destroyed registry is never matched.
  thread_local std::vector<Entry> local_shards;
  for (const Entry& entry : local_shards) {
    if (entry.registry_id == state_->id) {
      return *entry.shard;
    }
  }
  auto shard = std::make_unique<Shard>();
  Shard* raw = shard.get();
  {
    std::lock_guard lock(state_->mu);
    state_->shards.push_back(std::move(shard));
  }
  local_shards.push_back({state_->id, raw});
  return *raw;
}

template <typename Update>
void Registry::UpdateCell(const FamilyDef* family, LabelValues labels, Update update) {
  assert(labels.size() == family->label_names.size());
  Shard& shard = LocalShard();
  std::lock_guard lock(shard.mu);
  if (shard.families.size() <= family->index) {
    shard.families.resize(family->index + 1);
  }
  CellMap& cells = shard.families[family->index];
  auto it = cells.find(KeyView(labels.begin(), labels.size()));
  if (it == cells.end()) {
    it = cells.emplace(Key(labels.begin(), labels.end()), Cell::For(*family)).first;
  }
  update(it->second);
}

void Counter::Add(LabelValues labels, uint64_t n) const {
  registry_->UpdateCell(family_, labels, [n](Cell& cell) { cell.count += n; });
}

void Gauge::Add(LabelValues labels, int64_t delta) const {
  registry_->UpdateCell(family_, labels, [delta](Cell& cell) { cell.gauge += delta; });
}

void Histogram::Observe(LabelValues labels, double value) const {
  const auto& bounds = family_->upper_bounds;
  // Bucket i counts values <= bounds[i] (and above bounds[i - 1]); the last one is +Inf.
  const auto bucket =
      static_cast<size_t>(std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin());
  registry_->UpdateCell(family_, labels, [&](Cell& cell) {
    ++cell.buckets[std::isnan(value) ? bounds.size() : bucket];
    cell.sum += value;
    ++cell.count;
  });
}

std::string Registry::Render() const {
  std::lock_guard lock(state_->mu);
  std::vector<std::map<Key, Cell>> merged(state_->families.size());
  for (const auto& shard : state_->shards) {
    std::lock_guard shard_lock(shard->mu);
    for (size_t i = 0; i < shard->families.size(); ++i) {
      for (const auto& [key, cell] : shard->families[i]) {
        merged[i].try_emplace(key, Cell::For(*state_->families[i])).first->second.Merge(cell);
      }
    }
  }
  std::string out;
  for (const auto& family : state_->families) {
    if (family->collect) {
      AppendCallbackFamily(out, *family, family->collect());
    } else {
      AppendCellFamily(out, *family, merged[family->index]);
    }
  }
  return out;
}

}  // namespace costgate::daemon::metrics
