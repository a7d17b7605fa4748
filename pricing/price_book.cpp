#include "pricing/price_book.h"

#include <algorithm>
#include <map>
#include <optional>
#include <type_traits>

#include "base/sha256.h"

namespace costgate::pricing {
namespace {

// The winner at `at`: the highest layer's newest row with effective_from <= at.
const PriceRow* WinnerAt(const std::vector<const PriceRow*>& rows, int64_t at) {
  const PriceRow* best = nullptr;
  for (const PriceRow* row : rows) {
    if (row->effective_from_ms > at) {
      continue;
    }
    if (best == nullptr || row->layer > best->layer ||
        (row->layer == best->layer && row->effective_from_ms >= best->effective_from_ms)) {
      best = row;
    }
  }
  return best;
}

std::vector<PriceBook::Span> BuildTimeline(const std::vector<const PriceRow*>& rows) {
  std::vector<int64_t> moments;
  moments.reserve(rows.size());
  for (const PriceRow* row : rows) {
    moments.push_back(row->effective_from_ms);
  }
  std::sort(moments.begin(), moments.end());
  moments.erase(std::unique(moments.begin(), moments.end()), moments.end());
  std::vector<PriceBook::Span> timeline;
  for (int64_t at : moments) {
    const PriceRow* winner = WinnerAt(rows, at);
    if (winner == nullptr) {
      continue;
    }
    if (!timeline.empty()) {
      const PriceRow* previous = timeline.back().row;
      if (previous == winner ||
          (previous->layer == winner->layer && previous->SamePrices(*winner))) {
        continue;
      }
    }
    timeline.push_back({at, winner});
  }
  return timeline;
}

}  // namespace

std::shared_ptr<const PriceBook> PriceBook::Build(std::vector<PriceRow> rows, BookOptions options) {
  auto book = std::shared_ptr<PriceBook>(new PriceBook());
  book->rows_ = std::move(rows);
  book->options_ = std::move(options);
  book->elevenlabs_plan_key_ = "elevenlabs/plan/" + book->options_.elevenlabs_plan;

  std::map<std::string_view, std::vector<const PriceRow*>> by_key;  // sorted: stable hashing
  for (const PriceRow& row : book->rows_) {
    by_key[row.key].push_back(&row);
  }
  // The canonical text of every timeline, one value per line; its hash is the version.
  std::string canonical = book->options_.elevenlabs_plan + "\n";
  const auto add = [&canonical](const auto& value) {
    if constexpr (std::is_integral_v<std::decay_t<decltype(value)>>) {
      canonical += std::to_string(value);
    } else {
      canonical += value;
    }
    canonical += '\n';
  };
  book->index_.reserve(by_key.size());
  for (const auto& [key, key_rows] : by_key) {
    std::vector<Span> timeline = BuildTimeline(key_rows);
    add(key);
    for (const Span& span : timeline) {
      add(span.from_ms);
      add(span.row->long_context_threshold);
      add(span.row->credits_per_character_milli);
      for (const auto& [slot, price] : span.row->rates()) {
        add(static_cast<int64_t>(slot));
        add(price.pico());
      }
    }
    book->index_.emplace(std::string(key), std::move(timeline));
  }
  book->version_ = "pb-" + base::Sha256Hex(canonical, 16);
  return book;
}

const PriceRow* PriceBook::Find(std::string_view key, int64_t at_ms) const noexcept {
  auto it = index_.find(key);
  if (it == index_.end()) {
    return nullptr;
  }
  const PriceRow* found = nullptr;
  for (const Span& span : it->second) {  // a handful of spans: newest last
    if (span.from_ms > at_ms) {
      break;
    }
    found = span.row;
  }
  return found;
}

std::span<const PriceBook::Span> PriceBook::Timeline(std::string_view key) const noexcept {
  auto it = index_.find(key);
  if (it == index_.end()) {
    return {};
  }
  return it->second;
}

std::vector<std::string_view> PriceBook::Keys() const {
  std::vector<std::string_view> keys;
  keys.reserve(index_.size());
  for (const auto& [key, timeline] : index_) {
    keys.emplace_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace costgate::pricing
