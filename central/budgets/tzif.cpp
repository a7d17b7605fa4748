#include "central/budgets/tzif.h"

#include <optional>

namespace costgate::central::budgets {
namespace {

constexpr size_t kHeaderSize = 44;
constexpr int32_t kMaxUtcOffset = 26 * 3600;  // RFC 8536 3.2: utoff SHOULD be in -89999..93599

struct Header {
  char version = 0;
  uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

uint64_t ReadBig(std::string_view bytes, size_t at, size_t width) {
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) value = value << 8 | static_cast<uint8_t>(bytes[at + i]);
  return value;
}

std::optional<Header> ReadHeader(std::string_view bytes) {
  if (bytes.size() < kHeaderSize || bytes.substr(0, 4) != "TZif") return std::nullopt;
  Header header;
  header.version = bytes[4];
  uint32_t* counts[] = {&header.isutcnt, &header.isstdcnt, &header.leapcnt,
                        &header.timecnt, &header.typecnt,  &header.charcnt};
  for (size_t i = 0; i < 6; ++i) *counts[i] = static_cast<uint32_t>(ReadBig(bytes, 20 + 4 * i, 4));
  return header;
}

// Size of the data block after the header; 64-bit arithmetic, so counts cannot wrap.
uint64_t BlockSize(const Header& h, uint64_t time_size) {
  return h.timecnt * time_size + h.timecnt + h.typecnt * 6ull + h.charcnt +
         h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

std::variant<TzifData, std::string> ReadBlock(std::string_view block, const Header& h,
                                              size_t time_size) {
  if (h.typecnt == 0 || h.charcnt == 0) return std::string("no local time types");
  if (h.leapcnt != 0) return std::string("leap-second (\"right/\") zones are not supported");
  if ((h.isutcnt != 0 && h.isutcnt != h.typecnt) || (h.isstdcnt != 0 && h.isstdcnt != h.typecnt)) {
    return std::string("indicator counts do not match the type count");
  }
  const size_t types_at = h.timecnt * time_size;
  const size_t ttinfo_at = types_at + h.timecnt;
  std::vector<int32_t> type_offsets(h.typecnt);
  for (size_t i = 0; i < h.typecnt; ++i) {
    const auto offset =
        static_cast<int32_t>(static_cast<uint32_t>(ReadBig(block, ttinfo_at + 6 * i, 4)));
    if (offset < -kMaxUtcOffset || offset > kMaxUtcOffset)
      return std::string("UTC offset out of range");
    if (static_cast<uint8_t>(block[ttinfo_at + 6 * i + 5]) >= h.charcnt) {
      return std::string("abbreviation index out of range");
    }
    type_offsets[i] = offset;
  }
  TzifData data;
  data.initial_offset = type_offsets[0];  // RFC 8536 3.2: type 0 applies before the first time
  data.times.reserve(h.timecnt);
  data.offsets_after.reserve(h.timecnt);
  for (size_t i = 0; i < h.timecnt; ++i) {
    const uint64_t raw = ReadBig(block, i * time_size, time_size);
    const int64_t time = time_size == 8 ? static_cast<int64_t>(raw)
                                        : static_cast<int64_t>(static_cast<int32_t>(raw));
    if (!data.times.empty() && time <= data.times.back()) {
      return std::string("transition times are not ascending");
    }
    const auto type = static_cast<uint8_t>(block[types_at + i]);
    if (type >= h.typecnt) return std::string("transition type index out of range");
    data.times.push_back(time);
    data.offsets_after.push_back(type_offsets[type]);
  }
  return data;
}

}  // namespace

std::variant<TzifData, std::string> ParseTzif(std::string_view bytes) {
  const std::optional<Header> first = ReadHeader(bytes);
  if (!first) return std::string("not a TZif file (bad magic or shorter than its header)");
  if (first->version != '\0' && (first->version < '2' || first->version > '4')) {
    return std::string("unknown TZif version");
  }
  const uint64_t v1_size = BlockSize(*first, 4);
  if (bytes.size() - kHeaderSize < v1_size) return std::string("truncated data block");
  if (first->version == '\0') return ReadBlock(bytes.substr(kHeaderSize, v1_size), *first, 4);

  // Version 2+: the 32-bit block only serves old readers; the 64-bit header and block follow it,
  // then the footer "\n<POSIX TZ string>\n".
  const std::string_view rest = bytes.substr(kHeaderSize + v1_size);
  const std::optional<Header> second = ReadHeader(rest);
  if (!second) return std::string("missing or bad second (64-bit) header");
  const uint64_t v2_size = BlockSize(*second, 8);
  if (rest.size() - kHeaderSize < v2_size) return std::string("truncated 64-bit data block");
  auto result = ReadBlock(rest.substr(kHeaderSize, v2_size), *second, 8);
  auto* data = std::get_if<TzifData>(&result);
  if (data == nullptr) return result;
  const std::string_view footer = rest.substr(kHeaderSize + v2_size);
  if (footer.size() < 2 || footer.front() != '\n') return std::string("missing footer");
  const size_t end = footer.find('\n', 1);
  if (end == std::string_view::npos) return std::string("unterminated footer");
  data->footer = std::string(footer.substr(1, end - 1));
  return result;
}

}  // namespace costgate::central::budgets
