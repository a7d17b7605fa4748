// The alert sink (alert_sink/alert_sink.py) as a child process: an SMTP sink and a webhook
// receiver on 127.0.0.1 that keep what central sends them, and check webhook signatures with
// Python's own hmac.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "tests/integration/process_helpers.h"
#include "tests/support/temp_dir.h"

namespace costgate::integration {

struct AlertSinkOptions {
  std::string statuses;  // the webhook's first answers, e.g. "500,500"; then 200
  std::string secret;    // the webhooks' HMAC secret to check; "" checks nothing
  bool smtp_auth = false;
  uint16_t http_port = 0;  // 0: any
};

class AlertSink {
 public:
  explicit AlertSink(const AlertSinkOptions& options = {});

  uint16_t http_port() const { return http_port_; }
  uint16_t smtp_port() const { return smtp_port_; }
  // GET /__sink/received: {"mails":[{"from","to","auth","data"}],
  // "webhooks":[{"path","headers","body","signature_ok","status"}]}.
  std::string Received() const;
  // Polls until `pointer` (an array, "/webhooks") has at least `count` items, or 20 s pass;
  // returns the last answer.
  std::string WaitFor(const std::string& pointer, size_t count) const;

 private:
  test_support::TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  uint16_t http_port_ = 0;
  uint16_t smtp_port_ = 0;
};

}  // namespace costgate::integration
