#include "tests/integration/central_helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>
#include <thread>

#include "tests/integration/command_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/integration/mock_upstream_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kCommandWait = std::chrono::seconds(20);

DaemonSettings CentralSettings(uint16_t port, const std::string& central_yaml) {
  DaemonSettings settings;
  settings.role = "central";
  settings.port = port;
  settings.central_yaml = central_yaml;
  // The proxy-only sections are rendered too, and must be valid: a closed local port.
  settings.upstream_url = "https://127.0.0.1:9";
  return settings;
}

}  // namespace

uint16_t FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    throw std::runtime_error("cannot find a free loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

CentralUnderTest::CentralUnderTest(uint16_t port, std::string central_yaml,
                                   std::function<void(DaemonSettings&)> adjust)
    : port_(port), central_yaml_(std::move(central_yaml)), adjust_(std::move(adjust)) {
  Start();
}

void CentralUnderTest::Start() {
  DaemonSettings settings = CentralSettings(port_, central_yaml_);
  if (adjust_) {
    adjust_(settings);
  }
  process_ = std::make_unique<CostgateProcess>(settings, dir_.path());
  port_ = process_->central_port();
}

void CentralUnderTest::Stop() {
  if (process_ != nullptr) {
    process_->process().Signal(SIGTERM);
    process_->process().WaitExit(std::chrono::seconds(10));
    process_.reset();
  }
}

std::string CentralUnderTest::CreateKey(const std::string& name, const std::string& source_app,
                                        const std::string& scopes, const std::string& workspace) {
  std::vector<std::string> args = {"keys",     "create", "--config",     config_path().string(),
                                   "--name",   name,     "--source-app", source_app,
                                   "--scopes", scopes};
  if (!workspace.empty()) {
    args.insert(args.end(), {"--workspace", workspace});
  }
  const CommandResult result = RunCostgate(args, dir_.path(), kCommandWait);
  if (result.exit_code != 0) {
    throw std::runtime_error("costgate keys create failed: " + result.err);
  }
  return result.out.substr(0, result.out.find('\n'));
}

std::vector<ReceiptRow> CentralUnderTest::Events(const std::string& where,
                                                 const std::vector<std::string>& params) const {
  return QueryRows(dir_.path() / "central.db", "SELECT * FROM events WHERE " + where, params);
}

int64_t CentralUnderTest::CountEvents() const {
  const std::vector<ReceiptRow> rows =
      QueryRows(dir_.path() / "central.db", "SELECT COUNT(*) AS n FROM events");
  return rows.empty() ? 0 : rows[0].Int("n").value_or(0);
}

int64_t CentralUnderTest::WaitForEventCount(int64_t count,
                                            std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const int64_t n = CountEvents();
    if (n >= count || std::chrono::steady_clock::now() >= deadline) {
      return n;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, bounded above
  }
}

std::string ShipperYaml(const std::string& url, const std::string& key, int batch_max) {
  return "shipper:\n  url: \"" + url + "\"\n  api_key: \"" + key +
         "\"\n  batch_max: " + std::to_string(batch_max) +
         "\n  batch_age_ms: 50\n  timeout_ms: 5000\n  backoff_first_ms: 50\n"
         "  backoff_max_ms: 400\n";
}

FaultRelay::FaultRelay(uint16_t target_port, const std::string& mode) {
  const std::filesystem::path stdout_path = dir_.path() / "fault_relay.stdout";
  const std::filesystem::path stderr_path = dir_.path() / "fault_relay.stderr";
  SpawnOptions options;
  options.argv = {PythonInterpreter(),
                  (std::filesystem::path(COSTGATE_SOURCE_DIR) / "tests" / "integration" /
                   "fault_relay" / "fault_relay.py")
                      .string(),
                  "--target",
                  "127.0.0.1:" + std::to_string(target_port),
                  "--mode",
                  mode,
                  "--exit-with-stdin"};
  options.stdout_path = stdout_path;
  options.stderr_path = stderr_path;
  options.stdin_pipe = true;
  process_ = std::make_unique<ChildProcess>(options);
  const std::string out = WaitForFirstLine(*process_, stdout_path, stderr_path, "fault_relay");
  const auto port = JsonInt(out, "/port");
  if (!port) {
    throw std::runtime_error("fault_relay printed an unexpected line: " + out);
  }
  port_ = static_cast<uint16_t>(*port);
}

int64_t FaultRelay::Stat(const std::string& name) const {
  HttpRequest request;
  request.url = Url() + "/__relay/stats";
  const HttpResponse response = Http(request);
  return JsonInt(response.body, "/" + name).value_or(-1);
}

}  // namespace costgate::integration
