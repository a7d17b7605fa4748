#include "pricing/price_book.h"

#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <optional>

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

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Add(std::string_view s) {
    EVP_DigestUpdate(ctx_, s.data(), s.size());
    EVP_DigestUpdate(ctx_, "\n", 1);
  }
  void Add(int64_t v) { Add(std::to_string(v)); }
  std::string HexPrefix(size_t hex_digits) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx_, digest, &size);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size && out.size() < hex_digits; ++i) {
      out.push_back(kHex[digest[i] >> 4]);
      out.push_back(kHex[digest[i] & 0xf]);
    }
    return out;
  }

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace

std::shared_ptr<const PriceBook> PriceBook::Build(std::vector<PriceRow> rows, BookOptions options) {
  auto book = std::shared_ptr<PriceBook>(new PriceBook());
  book->rows_ = std::move(rows);
  book->options_ = std::move(options);

  std::map<std::string_view, std::vector<const PriceRow*>> by_key;  // sorted: stable hashing
  for (const PriceRow& row : book->rows_) {
    by_key[row.key].push_back(&row);
  }
  Sha256 hash;
  hash.Add(book->options_.elevenlabs_plan);
  book->index_.reserve(by_key.size());
  for (const auto& [key, key_rows] : by_key) {
    std::vector<Span> timeline = BuildTimeline(key_rows);
    hash.Add(key);
    for (const Span& span : timeline) {
      hash.Add(span.from_ms);
      hash.Add(span.row->long_context_threshold);
      hash.Add(span.row->credits_per_character_milli);
      for (const auto& [slot, price] : span.row->rates()) {
        hash.Add(static_cast<int64_t>(slot));
        hash.Add(price.pico());
      }
    }
    book->index_.emplace(std::string(key), std::move(timeline));
  }
  book->version_ = "pb-" + hash.HexPrefix(16);
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
