// The price book: every price row we know, effective-dated and layered, immutable once built.
//
// For each price key the book keeps a timeline. At any moment the row in force is, among the
// layers that have a row for the key by then, the highest layer's newest row (override >
// catalogue > litellm). So loading a newer catalogue, or an override effective from a date,
// never changes the price of usage that started before it. A row that repeats the prices of the
// one before it in the same layer adds nothing to the timeline.
//
// The version is a content hash of the timelines (and the options): the same prices give the
// same version on every host, and it goes on each receipt.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pricing/price_row.h"

namespace costgate::pricing {

struct BookOptions {
  // Which ElevenLabs plan's $/credit applies (row "elevenlabs/plan/<name>"); plan-dependent,
  // invisible on the wire (PROVIDERS.md B4).
  std::string elevenlabs_plan = "pay_as_you_go";

  bool operator==(const BookOptions&) const = default;
};

class PriceBook {
 public:
  struct Span {
    int64_t from_ms;      // in force from here until the next span's from_ms
    const PriceRow* row;  // owned by the book
  };

  static std::shared_ptr<const PriceBook> Build(std::vector<PriceRow> rows, BookOptions options);

  // The row in force for `key` at `at_ms`; nullptr when the key is unknown or starts later.
  const PriceRow* Find(std::string_view key, int64_t at_ms) const noexcept;
  std::span<const Span> Timeline(std::string_view key) const noexcept;
  std::vector<std::string_view> Keys() const;  // sorted
  size_t key_count() const noexcept { return index_.size(); }

  const std::string& version() const noexcept { return version_; }  // "pb-" + 16 hex digits
  const BookOptions& options() const noexcept { return options_; }

  // The configured ElevenLabs plan's row ("elevenlabs/plan/<plan>", its $/credit) at `at_ms`.
  const PriceRow* ElevenLabsPlanRow(int64_t at_ms) const noexcept {
    return Find(elevenlabs_plan_key_, at_ms);
  }
  const std::string& elevenlabs_plan_key() const noexcept { return elevenlabs_plan_key_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  PriceBook() = default;

  std::vector<PriceRow> rows_;
  std::unordered_map<std::string, std::vector<Span>, Hash, std::equal_to<>> index_;
  std::string version_;
  BookOptions options_;
  std::string elevenlabs_plan_key_;
};

}  // namespace costgate::pricing
