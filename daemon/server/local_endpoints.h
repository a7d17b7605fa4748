// The daemon's own endpoints: GET /healthz, /readyz, /metrics. Answered on the connection's
// thread, never forwarded, no receipt, on every listener of every role.
#pragma once

#include <memory>
#include <string>

#include "base/http_message.h"
#include "daemon/server/handler.h"

namespace costgate::daemon::server {

class Worker;

// What /readyz says beside "ready".
enum class Readiness {
  kPlain,   // {"status":"ready"} (central: its store's health is GET /v1/health)
  kOutbox,  // also the outbox's state (the proxy: "ok", "full" or "failing")
};

bool IsLocalEndpoint(const base::RequestHead& head);

// The complete serialized response (head and body).
std::string AnswerLocalEndpoint(const base::RequestHead& head, Worker& worker, Readiness readiness,
                                bool close);

// A role's handler with the daemon's endpoints in front of it.
class LocalEndpoints final : public Handler {
 public:
  LocalEndpoints(std::unique_ptr<Handler> role, Readiness readiness)
      : role_(std::move(role)), readiness_(readiness) {}

  Awaitable<bool> Serve(ClientConnection& client) override;
  std::string ErrorResponse(int status, std::string_view reason, std::string_view message,
                            bool close, std::string_view retry_after) const override {
    return role_->ErrorResponse(status, reason, message, close, retry_after);
  }
  void OnStop() override { role_->OnStop(); }

  Handler& role() { return *role_; }

 private:
  std::unique_ptr<Handler> role_;
  Readiness readiness_;
};

}  // namespace costgate::daemon::server
