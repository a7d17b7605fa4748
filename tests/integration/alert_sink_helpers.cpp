#include "tests/integration/alert_sink_helpers.h"

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "tests/integration/http_client_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/integration/mock_upstream_helpers.h"

namespace costgate::integration {

AlertSink::AlertSink(const AlertSinkOptions& options) {
  const std::filesystem::path stdout_path = dir_.path() / "alert_sink.stdout";
  const std::filesystem::path stderr_path = dir_.path() / "alert_sink.stderr";
  SpawnOptions spawn;
  spawn.argv = {PythonInterpreter(),
                (std::filesystem::path(COSTGATE_SOURCE_DIR) / "tests" / "integration" /
                 "alert_sink" / "alert_sink.py")
                    .string(),
                "--http-port", std::to_string(options.http_port), "--exit-with-stdin"};
  if (!options.statuses.empty()) {
    spawn.argv.insert(spawn.argv.end(), {"--statuses", options.statuses});
  }
  if (!options.secret.empty()) {
    spawn.argv.insert(spawn.argv.end(), {"--secret", options.secret});
  }
  if (options.smtp_auth) {
    spawn.argv.push_back("--smtp-auth");
  }
  spawn.stdout_path = stdout_path;
  spawn.stderr_path = stderr_path;
  spawn.stdin_pipe = true;
  process_ = std::make_unique<ChildProcess>(spawn);
  const std::string out = WaitForFirstLine(*process_, stdout_path, stderr_path, "alert_sink");
  const auto http = JsonInt(out, "/http_port");
  const auto smtp = JsonInt(out, "/smtp_port");
  if (!http || !smtp) {
    throw std::runtime_error("alert_sink printed an unexpected line: " + out);
  }
  http_port_ = static_cast<uint16_t>(*http);
  smtp_port_ = static_cast<uint16_t>(*smtp);
}

std::string AlertSink::Received() const {
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(http_port_) + "/__sink/received";
  return Http(request).body;
}

std::string AlertSink::WaitFor(const std::string& pointer, size_t count) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (true) {
    std::string received = Received();
    if (JsonArraySize(received, pointer).value_or(0) >= count ||
        std::chrono::steady_clock::now() >= deadline) {
      return received;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));  // polling, bounded above
  }
}

}  // namespace costgate::integration
