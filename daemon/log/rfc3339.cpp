#include "daemon/log/rfc3339.h"

namespace costgate::daemon::log {
namespace {

void Append2(std::string& out, int64_t v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

}  // namespace

void AppendRfc3339Millis(std::string& out, int64_t unix_ms) {
  // Floor division so instants before 1970 still format (days_from_civil inverse, H. Hinnant).
  int64_t days = unix_ms / 86'400'000;
  int64_t ms_of_day = unix_ms % 86'400'000;
  if (ms_of_day < 0) {
    ms_of_day += 86'400'000;
    --days;
  }
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);

  const int64_t yyyy = year < 0 ? 0 : (year > 9999 ? 9999 : year);
  Append2(out, yyyy / 100);
  Append2(out, yyyy % 100);
  out += '-';
  Append2(out, month);
  out += '-';
  Append2(out, day);
  out += 'T';
  Append2(out, ms_of_day / 3'600'000);
  out += ':';
  Append2(out, ms_of_day / 60'000 % 60);
  out += ':';
  Append2(out, ms_of_day / 1000 % 60);
  out += '.';
  const int64_t millis = ms_of_day % 1000;
  out += static_cast<char>('0' + millis / 100);
  Append2(out, millis % 100);
  out += 'Z';
}

}  // namespace costgate::daemon::log
