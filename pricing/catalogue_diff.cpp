#include "pricing/catalogue_diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace costgate::pricing {
namespace {

// Rows are compared slot by slot on their sorted rate lists (a merge).
std::vector<RateChange> RateChanges(const PriceRow& before, const PriceRow& after) {
  std::vector<RateChange> changes;
  const auto& a = before.rates();
  const auto& b = after.rates();
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      changes.push_back({a[i].first, a[i].second, std::nullopt});
      ++i;
    } else if (i == a.size() || b[j].first < a[i].first) {
      changes.push_back({b[j].first, std::nullopt, b[j].second});
      ++j;
    } else {
      if (a[i].second != b[j].second) {
        changes.push_back({a[i].first, a[i].second, b[j].second});
      }
      ++i;
      ++j;
    }
  }
  return changes;
}

// Sorts a row into the diff; either row may be null (the key is on one side only).
void Compare(std::string_view key, const PriceRow* before, const PriceRow* after,
             CatalogueDiff& diff) {
  if (before == nullptr && after == nullptr) {
    return;
  }
  if (before == nullptr) {
    diff.added.emplace_back(key);
  } else if (after == nullptr) {
    diff.removed.emplace_back(key);
  } else if (before->SamePrices(*after)) {
    ++diff.unchanged;
  } else {
    diff.repriced.push_back({std::string(key), RateChanges(*before, *after),
                             before->long_context_threshold, after->long_context_threshold,
                             before->credits_per_character_milli,
                             after->credits_per_character_milli});
  }
}

std::map<std::string_view, const PriceRow*> ByKey(std::span<const PriceRow> rows) {
  std::map<std::string_view, const PriceRow*> by_key;
  for (const PriceRow& row : rows) {
    by_key[row.key] = &row;  // the last row of a key counts
  }
  return by_key;
}

}  // namespace

CatalogueDiff DiffRows(std::span<const PriceRow> before, std::span<const PriceRow> after) {
  const auto old_rows = ByKey(before);
  const auto new_rows = ByKey(after);
  CatalogueDiff diff;
  // Both maps are sorted: one merge visits every key once, in order.
  auto i = old_rows.begin();
  auto j = new_rows.begin();
  while (i != old_rows.end() || j != new_rows.end()) {
    if (j == new_rows.end() || (i != old_rows.end() && i->first < j->first)) {
      Compare(i->first, i->second, nullptr, diff);
      ++i;
    } else if (i == old_rows.end() || j->first < i->first) {
      Compare(j->first, nullptr, j->second, diff);
      ++j;
    } else {
      Compare(i->first, i->second, j->second, diff);
      ++i;
      ++j;
    }
  }
  return diff;
}

CatalogueDiff DiffBooks(const PriceBook& before, const PriceBook& after, int64_t at_ms) {
  std::set<std::string_view> keys;
  for (std::string_view key : before.Keys()) {
    keys.insert(key);
  }
  for (std::string_view key : after.Keys()) {
    keys.insert(key);
  }
  CatalogueDiff diff;
  for (std::string_view key : keys) {
    Compare(key, before.Find(key, at_ms), after.Find(key, at_ms), diff);
  }
  return diff;
}

std::string RateFieldName(uint16_t slot, int64_t threshold_tokens) {
  const SlotParts parts = DecodeSlot(slot);
  std::string name(RateKindName(parts.kind));
  if (parts.band == Band::kAbove) {
    name += "_above_" + std::to_string(threshold_tokens / 1000) + "k_tokens";
  }
  // LiteLLM's tier suffixes (rate.cpp reads the same spellings).
  switch (parts.tier) {
    case ServiceTier::kFlex:
      name += "_flex";
      break;
    case ServiceTier::kPriority:
      name += "_priority";
      break;
    case ServiceTier::kBatch:
      name += "_batches";
      break;
    default:
      break;
  }
  return name;
}

}  // namespace costgate::pricing
