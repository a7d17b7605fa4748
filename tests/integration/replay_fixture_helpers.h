// Every recorded exchange under tests/fixtures/<provider>/ (*.meta.json + body files), whatever
// the provider folder: what the client sends and the exact bytes the mock upstream answers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace costgate::integration {

struct RecordedExchange {
  std::string folder;         // provider folder under tests/fixtures ("gemini", "google-tts")
  std::string name;           // base name, the value of x-mock-fixture
  std::string method;         // upper case
  std::string target;         // recorded path + query, '<' '>' percent-encoded
  std::string request_body;   // "" when none was recorded
  std::string response_body;  // the bytes the mock sends (the raw gzip stream when gzip)
  int status = 0;
  std::string content_type;  // recorded response Content-Type ("" when none)
};

// Throws std::runtime_error when the fixture is missing or unreadable.
RecordedExchange LoadRecordedExchange(std::string_view folder, std::string_view name);

// "<folder>/<name>" of every *.meta.json under tests/fixtures, sorted.
std::vector<std::string> AllRecordedExchanges();

}  // namespace costgate::integration
