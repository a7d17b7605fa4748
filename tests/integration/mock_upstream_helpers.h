// The mock Gemini upstream (mock_upstream/mock_upstream.py) as a child process, and its control
// endpoints: what it received, and releasing its gates.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/http_client_helpers.h"
#include "tests/integration/process_helpers.h"

namespace costgate::integration {

// The distribution's interpreter when there is one: version-manager shims on PATH (pyenv) cost
// about a second per start. The test helpers in Python need only the standard library.
std::string PythonInterpreter();

// Waits (bounded) for the first line a helper server prints on stdout once it listens (its
// ports, as JSON) and returns it; throws std::runtime_error with its stderr when the process
// exits or stays silent. `what` names it in the message.
std::string WaitForFirstLine(ChildProcess& process, const std::filesystem::path& stdout_path,
                             const std::filesystem::path& stderr_path, std::string_view what);

// A CA and a server certificate for 127.0.0.1 / localhost, made at test time.
struct TestCa {
  std::filesystem::path ca_file;
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};

// Runs make_test_ca.sh into `dir`; throws std::runtime_error on failure.
TestCa MakeTestCa(const std::filesystem::path& dir);

// One request as the mock saw it (GET /__mock/requests).
struct MockRequest {
  std::string method;
  std::string target;
  HeaderList headers;  // in order, names as received
  uint64_t body_len = 0;
  std::string body_sha256;
  bool client_aborted = false;      // the peer went away before the response ended
  bool response_completed = false;  // the mock wrote its whole response
  int64_t connection_id = 0;        // one id per TLS connection

  std::optional<std::string> Header(std::string_view name) const {
    return FindHeader(headers, name);
  }
};

class MockUpstream {
 public:
  // Starts the mock and waits (bounded) for its ports; throws std::runtime_error on failure.
  MockUpstream(const TestCa& ca, const std::filesystem::path& work_dir);

  uint16_t port() const { return port_; }
  uint16_t tarpit_port() const { return tarpit_port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& stderr_path() const { return stderr_path_; }
  bool Running() { return process_->Running(); }

  std::vector<MockRequest> Requests() const;
  // The requests carrying header `name` with exactly `value`.
  std::vector<MockRequest> RequestsWith(std::string_view name, std::string_view value) const;
  // Polls until `done` holds for the matching requests or the timeout passes; returns them.
  std::vector<MockRequest> WaitForRequests(
      std::string_view name, std::string_view value,
      const std::function<bool(const std::vector<MockRequest>&)>& done,
      std::chrono::milliseconds timeout) const;
  // Lets a response held by x-mock-behavior gate:NAME continue.
  void Release(std::string_view gate) const;

 private:
  HttpResponse Control(std::string_view method, std::string_view path) const;

  std::string ca_file_;
  std::filesystem::path stderr_path_;
  std::unique_ptr<ChildProcess> process_;
  uint16_t port_ = 0;
  uint16_t tarpit_port_ = 0;
};

}  // namespace costgate::integration
