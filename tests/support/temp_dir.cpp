#include "tests/support/temp_dir.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <stdexcept>
#include <system_error>

namespace costgate::test_support {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "costgate-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error(std::string("mkdtemp failed for ").append(pattern));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  // A test may have made the directory read-only; remove_all needs to write it.
  chmod(path_.c_str(), 0700);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace costgate::test_support
