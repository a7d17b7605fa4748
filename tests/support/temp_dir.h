// A scratch directory for a test: fresh under the system temp dir ($TMPDIR or /tmp), removed with
// its contents at the end of the scope, even when the test took its permissions away.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace costgate::test_support {

class TempDir {
 public:
  TempDir();  // throws std::runtime_error when no directory can be made
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `name` inside the directory (nothing is created).
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace costgate::test_support
