// The daemon's own endpoints: GET /healthz, /readyz, /metrics. Answered on the connection's
// thread, never forwarded, no receipt.
#pragma once

#include <string>

#include "filters/http_message.h"

namespace costgate::daemon::server {

class Worker;

bool IsLocalEndpoint(const filters::RequestHead& head);

// The complete serialized response (head and body).
std::string AnswerLocalEndpoint(const filters::RequestHead& head, Worker& worker, bool close);

}  // namespace costgate::daemon::server
