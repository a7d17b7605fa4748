#include "central/budgets/time_zone.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <system_error>
#include <utility>

namespace costgate::central::budgets {
namespace {

constexpr std::uintmax_t kMaxFileSize = 1 << 20;  // real zones are under 4 KiB
constexpr int64_t kMaxOffset = 26 * 3600;         // what ParseTzif admits

std::string ZoneError(std::string_view name, std::string_view reason) {
  return "time zone \"" + std::string(name) + "\": " + std::string(reason);
}

// The name becomes a path under the root, so it must not climb out of it or be absolute.
std::optional<std::string> NameProblem(std::string_view name) {
  if (name.empty()) return "empty name";
  if (name.size() > 255) return "name too long";
  if (name.front() == '/') return "name must not start with '/'";
  if (name.find("..") != std::string_view::npos) return "name must not contain \"..\"";
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '+' || c == '-' || c == '/';
    if (!ok) return "name may hold only letters, digits and _ + - /";
  }
  return std::nullopt;
}

}  // namespace

TimeZone::TimeZone(std::string name, TzifData data, std::optional<PosixTz> rule)
    : name_(std::move(name)), data_(std::move(data)), rule_(std::move(rule)) {}

TimeZone TimeZone::Utc() { return TimeZone("UTC", TzifData{}, std::nullopt); }

std::variant<TimeZone, std::string> TimeZone::Load(std::string_view name,
                                                   const std::filesystem::path& root) {
  if (name == "UTC") return Utc();
  if (auto problem = NameProblem(name)) return ZoneError(name, *problem);
  const std::filesystem::path path = root / std::string(name);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return ZoneError(name, "no such zone (" + path.string() + " is not a file)");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kMaxFileSize)
    return ZoneError(name, "unreadable or too large: " + path.string());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) return ZoneError(name, "cannot read " + path.string());
  return FromTzif(name, bytes);
}

std::variant<TimeZone, std::string> TimeZone::FromTzif(std::string_view name,
                                                       std::string_view bytes) {
  auto parsed = ParseTzif(bytes);
  if (auto* error = std::get_if<std::string>(&parsed)) return ZoneError(name, *error);
  TzifData& data = std::get<TzifData>(parsed);
  std::optional<PosixTz> rule;
  if (!data.footer.empty()) {
    auto footer = ParsePosixTz(data.footer);
    if (auto* error = std::get_if<std::string>(&footer)) return ZoneError(name, *error);
    rule = std::get<PosixTz>(footer);
  }
  return TimeZone(std::string(name), std::move(data), std::move(rule));
}

OffsetSpan TimeZone::SpanAt(int64_t unix_seconds) const noexcept {
  const std::vector<int64_t>& times = data_.times;
  const auto next = std::upper_bound(times.begin(), times.end(), unix_seconds);
  if (next == times.begin()) {
    if (times.empty() && rule_) return PosixOffsetAt(*rule_, unix_seconds);
    return OffsetSpan{data_.initial_offset,
                      times.empty() ? std::numeric_limits<int64_t>::max() : times.front()};
  }
  const auto index = static_cast<size_t>(next - times.begin()) - 1;
  if (next != times.end()) return OffsetSpan{data_.offsets_after[index], *next};
  if (rule_) return PosixOffsetAt(*rule_, unix_seconds);
  return OffsetSpan{data_.offsets_after[index], std::numeric_limits<int64_t>::max()};
}

int32_t TimeZone::UtcOffsetSeconds(int64_t unix_seconds) const noexcept {
  return SpanAt(unix_seconds).offset;
}

CivilDate TimeZone::LocalDateAt(int64_t unix_seconds) const noexcept {
  return CivilFromDays(FloorDiv(unix_seconds + UtcOffsetSeconds(unix_seconds), 86400));
}

int64_t TimeZone::StartOfLocalDay(const CivilDate& date) const noexcept {
  // Local time is UTC plus a constant on each span between changes, so walk the spans from an
  // instant surely before local midnight; the first span whose local times reach midnight holds
  // the answer: midnight itself, or the span's start when midnight fell into the gap before it.
  const int64_t midnight = DaysFromCivil(date) * 86400;
  int64_t at = midnight - kMaxOffset - 1;
  for (;;) {
    const OffsetSpan span = SpanAt(at);
    const int64_t candidate = midnight - span.offset;
    if (candidate < span.until) return std::max(at, candidate);
    at = span.until;
  }
}

}  // namespace costgate::central::budgets
