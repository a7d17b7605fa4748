// The daemon's own endpoints: GET /healthz, /readyz, /metrics. Answered on the connection's
// thread, never forwarded, no receipt.
#pragma once

#include <string>

#include "base/http_message.h"

namespace costgate::daemon::server {

class Worker;

bool IsLocalEndpoint(const base::RequestHead& head);

// The complete serialized response (head and body).
std::string AnswerLocalEndpoint(const base::RequestHead& head, Worker& worker, bool close);

}  // namespace costgate::daemon::server
