#include "tests/integration/mock_upstream_helpers.h"

#include <simdjson.h>

#include <stdexcept>
#include <thread>

#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

const std::filesystem::path kIntegrationDir =
    std::filesystem::path(COSTGATE_SOURCE_DIR) / "tests" / "integration";
constexpr auto kStartTimeout = std::chrono::seconds(15);

std::vector<MockRequest> ParseRequests(const std::string& json) {
  std::vector<MockRequest> requests;
  simdjson::dom::parser parser;
  for (simdjson::dom::element item : parser.parse(simdjson::padded_string(json)).get_array()) {
    MockRequest request;
    request.method = std::string(std::string_view(item["method"]));
    request.target = std::string(std::string_view(item["target"]));
    for (simdjson::dom::element header : item["headers"].get_array()) {
      request.headers.emplace_back(std::string(std::string_view(header.at(0))),
                                   std::string(std::string_view(header.at(1))));
    }
    request.body_len = uint64_t(item["body_len"]);
    request.body_sha256 = std::string(std::string_view(item["body_sha256"]));
    request.client_aborted = bool(item["client_aborted"]);
    request.response_completed = bool(item["response_completed"]);
    request.connection_id = int64_t(item["connection_id"]);
    requests.push_back(std::move(request));
  }
  return requests;
}

}  // namespace

std::string PythonInterpreter() {
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

std::string WaitForFirstLine(ChildProcess& process, const std::filesystem::path& stdout_path,
                             const std::filesystem::path& stderr_path, std::string_view what) {
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (true) {
    const std::string out = ReadFileOrEmpty(stdout_path);
    if (out.find('\n') != std::string::npos) {
      return out.substr(0, out.find('\n'));
    }
    if (!process.Running() || std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error(std::string(what) +
                               " did not start: " + ReadFileOrEmpty(stderr_path));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

TestCa MakeTestCa(const std::filesystem::path& dir) {
  SpawnOptions options;
  options.argv = {"/bin/sh", (kIntegrationDir / "make_test_ca.sh").string(), dir.string()};
  options.stderr_path = dir / "make_test_ca.log";
  ChildProcess script(options);
  const std::optional<int> status = script.WaitExit(std::chrono::seconds(30));
  if (!status || *status != 0) {
    throw std::runtime_error("make_test_ca.sh failed: " +
                             ReadFileOrEmpty(dir / "make_test_ca.log"));
  }
  return TestCa{dir / "ca.pem", dir / "server.pem", dir / "server.key"};
}

MockUpstream::MockUpstream(const TestCa& ca, const std::filesystem::path& work_dir)
    : ca_file_(ca.ca_file.string()), stderr_path_(work_dir / "mock_upstream.stderr") {
  const std::filesystem::path stdout_path = work_dir / "mock_upstream.stdout";
  SpawnOptions options;
  options.argv = {PythonInterpreter(),
                  (kIntegrationDir / "mock_upstream" / "mock_upstream.py").string(),
                  "--cert",
                  ca.cert_file.string(),
                  "--key",
                  ca.key_file.string(),
                  "--fixtures",
                  (std::filesystem::path(COSTGATE_FIXTURES_DIR) / "gemini").string(),
                  "--exit-with-stdin"};
  options.stdout_path = stdout_path;
  options.stderr_path = stderr_path_;
  options.stdin_pipe = true;  // the mock exits when this process goes, even on a crash
  process_ = std::make_unique<ChildProcess>(options);

  const std::string out = WaitForFirstLine(*process_, stdout_path, stderr_path_, "mock_upstream");
  const auto port = JsonInt(out, "/port");
  const auto tarpit_port = JsonInt(out, "/tarpit_port");
  if (!port || !tarpit_port) {
    throw std::runtime_error("mock_upstream printed an unexpected line: " + out);
  }
  port_ = static_cast<uint16_t>(*port);
  tarpit_port_ = static_cast<uint16_t>(*tarpit_port);
}

HttpResponse MockUpstream::Control(std::string_view method, std::string_view path) const {
  HttpRequest request;
  request.method = std::string(method);
  request.url = url() + std::string(path);
  request.ca_file = ca_file_;
  if (method == "POST") {
    request.body = "";
  }
  HttpResponse response = Http(request);
  if (response.curl_code != CURLE_OK || response.status != 200) {
    throw std::runtime_error("mock control " + std::string(path) + " failed: " +
                             response.curl_error + " " + std::to_string(response.status));
  }
  return response;
}

std::vector<MockRequest> MockUpstream::Requests() const {
  return ParseRequests(Control("GET", "/__mock/requests").body);
}

std::vector<MockRequest> MockUpstream::RequestsWith(std::string_view name,
                                                    std::string_view value) const {
  std::vector<MockRequest> matching;
  for (auto& request : Requests()) {
    if (request.Header(name) == value) {
      matching.push_back(std::move(request));
    }
  }
  return matching;
}

std::vector<MockRequest> MockUpstream::WaitForRequests(
    std::string_view name, std::string_view value,
    const std::function<bool(const std::vector<MockRequest>&)>& done,
    std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::vector<MockRequest> requests = RequestsWith(name, value);
    if (done(requests) || std::chrono::steady_clock::now() >= deadline) {
      return requests;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

void MockUpstream::Release(std::string_view gate) const {
  Control("POST", "/__mock/release/" + std::string(gate));
}

}  // namespace costgate::integration
