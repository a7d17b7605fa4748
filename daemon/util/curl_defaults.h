// The libcurl options every outbound transfer of the daemon shares (price feed, shipper).
#pragma once

#include <curl/curl.h>

#include <string>

namespace costgate::daemon::util {

// Time limit for the whole transfer, no signals (threads), TLS peer and host verified (against
// `ca_file` when not empty, else the system store), every encoding libcurl can decode, and our
// User-Agent.
void SetTransferDefaults(CURL* c, long timeout_ms, const std::string& ca_file);

}  // namespace costgate::daemon::util
