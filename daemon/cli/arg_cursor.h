// How every `costgate` subcommand reads its arguments: positionals, and options given as
// "--name value" or "--name=value" ("-c" is "--config"). What an option means is the caller's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costgate::daemon::cli {

class ArgCursor {
 public:
  // Walks args[first..]; `args` must outlive the cursor.
  ArgCursor(const std::vector<std::string_view>& args, size_t first) : args_(args), next_(first) {}

  // Moves to the next argument; false when there is none.
  bool Next();

  // The argument is not an option: text() is all of it.
  bool positional() const { return positional_; }
  std::string_view text() const { return args_[at_]; }
  // The option's name ("--name") and the value written into it ("--name=value"), if any.
  const std::string& option() const { return option_; }
  const std::optional<std::string>& inline_value() const { return inline_value_; }
  // The option's value: the inline one, else the next argument, which is then consumed; nullopt
  // when the option is the last argument.
  std::optional<std::string> TakeValue();

 private:
  const std::vector<std::string_view>& args_;
  size_t next_;
  size_t at_ = 0;
  bool positional_ = false;
  std::string option_;
  std::optional<std::string> inline_value_;
};

}  // namespace costgate::daemon::cli
