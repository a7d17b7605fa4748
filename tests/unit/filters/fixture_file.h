// Reads a recorded fixture (tests/fixtures/...) as bytes.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace costgate::filters {

inline std::string ReadFixture(std::string_view relative_path) {
  const std::string path = std::string(COSTGATE_FIXTURES_DIR) + "/" + std::string(relative_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read fixture " + path);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace costgate::filters
