#include "daemon/cli/arg_cursor.h"

namespace costgate::daemon::cli {

bool ArgCursor::Next() {
  if (next_ >= args_.size()) {
    return false;
  }
  at_ = next_++;
  const std::string_view arg = args_[at_];
  positional_ = !arg.starts_with("--") && arg != "-c";
  option_.clear();
  inline_value_.reset();
  if (positional_) {
    return true;
  }
  const size_t eq = arg.find('=');
  option_ = arg == "-c" ? "--config" : std::string(arg.substr(0, eq));
  if (eq != std::string_view::npos) {
    inline_value_ = std::string(arg.substr(eq + 1));
  }
  return true;
}

std::optional<std::string> ArgCursor::TakeValue() {
  if (inline_value_) {
    return inline_value_;
  }
  if (next_ >= args_.size()) {
    return std::nullopt;
  }
  return std::string(args_[next_++]);
}

}  // namespace costgate::daemon::cli
