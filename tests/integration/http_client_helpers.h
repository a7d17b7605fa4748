// libcurl client for tests. Bodies are never decoded (no CURLOPT_ACCEPT_ENCODING): the test sees
// the exact bytes on the wire, e.g. the gzip stream the upstream sent.
#pragma once

#include <curl/curl.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costgate::integration {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup: the first value of `name`.
std::optional<std::string> FindHeader(const HeaderList& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::optional<std::string> body;   // sent with Content-Length unless chunked_upload
  bool chunked_upload = false;       // send `body` with Transfer-Encoding: chunked, in pieces
  std::string ca_file;               // for https URLs
  long timeout_ms = 10'000;
};

struct HttpResponse {
  CURLcode curl_code = CURLE_OK;
  std::string curl_error;
  long status = 0;
  HeaderList headers;  // of the final response, in order, names as received
  std::string body;
  double first_byte_seconds = 0;  // request start -> first response byte
  long new_connections = 0;       // connections curl opened for this request (0 = reused)

  std::optional<std::string> Header(std::string_view name) const {
    return FindHeader(headers, name);
  }
};

// One curl easy handle: successive requests reuse its connection (keep-alive).
class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse Perform(const HttpRequest& request);

 private:
  CURL* handle_;
};

// A one-off request on a fresh connection.
HttpResponse Http(const HttpRequest& request);

}  // namespace costgate::integration
