#include "daemon/server/local_endpoints.h"

#include "daemon/http/serialize.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/worker.h"

namespace costgate::daemon::server {

namespace {

constexpr std::string_view kJson = "application/json";

bool IsGetOrHead(const base::RequestHead& head) {
  return head.method == "GET" || head.method == "HEAD";
}

}  // namespace

bool IsLocalEndpoint(const base::RequestHead& head) {
  const std::string_view path = head.Path();
  return path == "/healthz" || path == "/readyz" || path == "/metrics";
}

std::string AnswerLocalEndpoint(const base::RequestHead& head, Worker& worker, Readiness readiness,
                                bool close) {
  std::string out;
  const std::string_view path = head.Path();
  if (!IsGetOrHead(head)) {
    base::Headers allow;
    allow.Add("Content-Type", std::string(kJson));
    allow.Add("Allow", "GET, HEAD");
    http::AppendLocalResponse(
        out, 405, allow,
        R"({"error":{"code":405,"message":"use GET","reason":"method_not_allowed"}})", close);
    return out;
  }
  std::string body;
  int status = 200;
  std::string_view content_type = kJson;
  if (path == "/healthz") {
    body = R"({"status":"ok"})";
  } else if (path == "/readyz") {
    if (worker.draining()) {
      status = 503;
      body = R"({"status":"draining"})";
    } else if (readiness == Readiness::kPlain) {
      body = R"({"status":"ready"})";
    } else if (worker.services().metrics.OutboxFailing()) {
      // Still ready: calls are forwarded; only metering is degraded (receipts wait in memory).
      body = R"({"status":"ready","outbox":"failing"})";
    } else if (worker.services().metrics.OutboxFull()) {
      // Still ready, likewise: calls are forwarded, their receipts are not stored.
      body = R"({"status":"ready","outbox":"full"})";
    } else {
      body = R"({"status":"ready","outbox":"ok"})";
    }
  } else {
    content_type = "text/plain; version=0.0.4; charset=utf-8";
    body = worker.services().metrics.Render();
  }
  base::Headers headers;
  headers.Add("Content-Type", std::string(content_type));
  http::AppendLocalResponse(out, status, headers, body, close);
  if (head.method == "HEAD") {
    // Same head as GET, no body: Content-Length still describes the GET body.
    out.resize(out.size() - body.size());
  }
  return out;
}

namespace {

Awaitable<bool> AnswerHere(ClientConnection& client, Readiness readiness) {
  Worker& worker = client.worker();
  const bool close = worker.draining() || !client.parser().keep_alive();
  // The daemon's own endpoints take no body; a request that sends one is not worth framing.
  const bool body_pending = !client.parser().message_done();
  const bool written = co_await client.WriteAll(
      AnswerLocalEndpoint(client.parser().request(), worker, readiness, close || body_pending));
  co_return written && !close && !body_pending;
}

}  // namespace

// Not a coroutine itself: a request for the role is handed on without a frame of its own.
Awaitable<bool> LocalEndpoints::Serve(ClientConnection& client) {
  if (!IsLocalEndpoint(client.parser().request())) {
    return role_->Serve(client);
  }
  return AnswerHere(client, readiness_);
}

}  // namespace costgate::daemon::server
