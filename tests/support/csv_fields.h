// Reading back a CSV line the code under test wrote (RFC 4180: quoted fields, doubled quotes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace costgate::test_support {

// The fields of one line (without its line end; a trailing CR is dropped).
std::vector<std::string> CsvFields(std::string_view line);

}  // namespace costgate::test_support
