#include "tests/integration/http_client_helpers.h"

#include <strings.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace costgate::integration {
namespace {

constexpr size_t kUploadPieceBytes = 100;  // small pieces: the upload becomes several chunks

struct Transfer {
  HttpResponse* response;
  std::string_view upload;
  size_t upload_offset = 0;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  transfer->response->body.append(data, size * count);
  return size * count;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer->response->headers.clear();  // a new (final or interim) response starts
    return line.size();
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return line.size();
  }
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  transfer->response->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return line.size();
}

size_t OnUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = std::min(
      {size * count, kUploadPieceBytes, transfer->upload.size() - transfer->upload_offset});
  std::memcpy(buffer, transfer->upload.data() + transfer->upload_offset, n);
  transfer->upload_offset += n;
  return n;
}

}  // namespace

std::optional<std::string> FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

HttpClient::HttpClient() : handle_(curl_easy_init()) {
  if (handle_ == nullptr) {
    throw std::runtime_error("curl_easy_init failed");
  }
}

HttpClient::~HttpClient() { curl_easy_cleanup(handle_); }

HttpResponse HttpClient::Perform(const HttpRequest& request) {
  HttpResponse response;
  Transfer transfer{&response, request.body ? std::string_view(*request.body) : ""};
  char error[CURL_ERROR_SIZE] = {};

  curl_easy_reset(handle_);  // keeps the connection cache: keep-alive survives
  curl_easy_setopt(handle_, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(handle_, CURLOPT_HEADERDATA, &transfer);
  if (!request.ca_file.empty()) {
    curl_easy_setopt(handle_, CURLOPT_CAINFO, request.ca_file.c_str());
  }

  curl_slist* headers = curl_slist_append(nullptr, "Expect:");  // curl's own Expect: never
  for (const auto& header : request.headers) {
    headers = curl_slist_append(headers, header.c_str());
  }
  if (request.chunked_upload) {
    headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
  }
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers);

  if (request.body && request.chunked_upload) {
    curl_easy_setopt(handle_, CURLOPT_POST, 1L);
    curl_easy_setopt(handle_, CURLOPT_READFUNCTION, OnUpload);
    curl_easy_setopt(handle_, CURLOPT_READDATA, &transfer);
  } else if (request.body) {
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, request.body->data());
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body->size()));
  }
  if (request.method == "HEAD") {
    curl_easy_setopt(handle_, CURLOPT_NOBODY, 1L);  // not CUSTOMREQUEST: it would await a body
  } else if (request.method != "GET" && request.method != "POST") {
    curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method == "GET" && !request.body) {
    curl_easy_setopt(handle_, CURLOPT_HTTPGET, 1L);
  }

  response.curl_code = curl_easy_perform(handle_);
  response.curl_error = error;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &response.status);
  curl_off_t first_byte_us = 0;
  curl_easy_getinfo(handle_, CURLINFO_STARTTRANSFER_TIME_T, &first_byte_us);
  response.first_byte_seconds = static_cast<double>(first_byte_us) / 1e6;
  curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &response.new_connections);
  curl_slist_free_all(headers);
  return response;
}

HttpResponse Http(const HttpRequest& request) {
  HttpClient client;
  return client.Perform(request);
}

}  // namespace costgate::integration
