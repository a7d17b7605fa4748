// Real directories for the price history and book loader tests: a fresh one per test, removed
// with its contents afterwards; and small file helpers.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "tests/support/temp_dir.h"

namespace costgate::pricing::testing {

// A fresh directory per test, removed with its contents afterwards.
using test_support::TempDir;

// The former name, still used by tests/unit/central/api/api_store_failure_test.cpp; remove once
// that test takes TempDir (Sub is File).
class ScratchDir : public TempDir {
 public:
  std::string Sub(std::string_view name) const { return File(name); }
};

inline void WriteText(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace costgate::pricing::testing
