#include "daemon/util/first_line.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>

namespace costgate::daemon::util {

FirstLine ReadFirstLine(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return {"", FirstLine::Problem::kUnreadable, std::strerror(errno)};
  }
  std::string line;
  std::getline(file, line);
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t first = line.find_first_not_of(kSpace);
  if (first == std::string::npos) {
    return {"", FirstLine::Problem::kEmpty, ""};
  }
  const size_t last = line.find_last_not_of(kSpace);
  return {line.substr(first, last - first + 1), FirstLine::Problem::kNone, ""};
}

}  // namespace costgate::daemon::util
