// Shared by the budgets tests: system zones (skipped when tzdata lacks one) and TZif bytes built
// by hand, so malformed and unusual files can be fed to the parser.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "central/budgets/civil_date.h"
#include "central/budgets/time_zone.h"

namespace costgate::central::budgets::testing {

inline std::optional<TimeZone> SystemZone(std::string_view name) {
  auto loaded = TimeZone::Load(name);
  if (auto* zone = std::get_if<TimeZone>(&loaded)) return *zone;
  return std::nullopt;
}

// Midnight UTC of the date plus hours, in seconds.
inline int64_t UtcSeconds(int64_t year, int month, int day, int64_t hours = 0) {
  return DaysFromCivil(CivilDate{year, month, day}) * 86400 + hours * 3600;
}

inline void AppendBig(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>(value >> (8 * i) & 0xff));
}

struct CraftedZone {
  char version = '2';
  std::vector<int64_t> times;
  std::vector<uint8_t> type_of;  // per transition
  std::vector<int32_t> type_offsets = {0};
  std::string footer;  // written for version 2+
};

inline std::string CraftTzif(const CraftedZone& zone) {
  const auto block = [&](int time_size) {
    std::string out = "TZif";
    out.push_back(zone.version);
    out.append(15, '\0');
    for (uint64_t count : {uint64_t{0}, uint64_t{0}, uint64_t{0}, uint64_t{zone.times.size()},
                           uint64_t{zone.type_offsets.size()}, uint64_t{4}}) {
      AppendBig(out, count, 4);
    }
    for (int64_t time : zone.times) AppendBig(out, static_cast<uint64_t>(time), time_size);
    for (uint8_t type : zone.type_of) out.push_back(static_cast<char>(type));
    for (int32_t offset : zone.type_offsets) {
      AppendBig(out, static_cast<uint32_t>(offset), 4);
      out.push_back('\0');  // isdst
      out.push_back('\0');  // abbreviation index
    }
    out.append("ABC", 4);  // the abbreviations, with their NUL
    return out;
  };
  std::string bytes = block(4);
  if (zone.version == '\0') return bytes;
  bytes += block(8);
  bytes += "\n" + zone.footer + "\n";
  return bytes;
}

}  // namespace costgate::central::budgets::testing
