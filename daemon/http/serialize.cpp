#include "daemon/http/serialize.h"

#include <charconv>

namespace costgate::daemon::http {

namespace {

using base::EqualsIgnoreCase;

bool IsHopByHop(std::string_view name) {
  return EqualsIgnoreCase(name, "connection") || EqualsIgnoreCase(name, "keep-alive") ||
         EqualsIgnoreCase(name, "proxy-connection") || EqualsIgnoreCase(name, "te") ||
         EqualsIgnoreCase(name, "upgrade");
}

// True when `name` appears as a token in any Connection field's value.
bool NamedByConnection(const base::Headers& headers, std::string_view name) {
  for (const auto& field : headers.fields()) {
    if (!EqualsIgnoreCase(field.name, "connection")) {
      continue;
    }
    std::string_view rest = field.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      std::string_view token = rest.substr(0, comma);
      while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) {
        token.remove_prefix(1);
      }
      while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
        token.remove_suffix(1);
      }
      if (EqualsIgnoreCase(token, name)) {
        return true;
      }
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return false;
}

// Framing and routing fields are never hop-by-hop, whatever Connection says: dropping
// Content-Length while relaying the body would let the body be read as the next message.
bool IsProtected(std::string_view name) {
  return EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding") ||
         EqualsIgnoreCase(name, "host");
}

// The request fields that say how its body is delimited: replaced, never forwarded. Trailer
// announces trailer fields, which are not forwarded either.
bool IsRequestFraming(std::string_view name) {
  return EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding") ||
         EqualsIgnoreCase(name, "trailer");
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

void AppendInt(std::string& out, uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

bool ForwardsField(const base::Headers& headers, std::string_view name) {
  return !IsHopByHop(name) && (IsProtected(name) || !NamedByConnection(headers, name));
}

}  // namespace

void AppendUpstreamRequestHead(std::string& out, const base::RequestHead& head,
                               std::string_view target, std::string_view host_header,
                               BodyFraming framing, uint64_t content_length) {
  out.append(head.method);
  out.push_back(' ');
  out.append(target);
  out.append(" HTTP/1.1\r\n");
  AppendField(out, "Host", host_header);
  const bool has_connection = head.headers.Contains("connection");
  for (const auto& f : head.headers.fields()) {
    if (IsRequestFraming(f.name) || EqualsIgnoreCase(f.name, "host") ||
        EqualsIgnoreCase(f.name, "expect")) {
      continue;
    }
    if (has_connection ? !ForwardsField(head.headers, f.name) : IsHopByHop(f.name)) {
      continue;
    }
    AppendField(out, f.name, f.value);
  }
  if (framing == BodyFraming::kContentLength) {
    out.append("Content-Length: ");
    AppendInt(out, content_length);
    out.append("\r\n");
  } else if (framing == BodyFraming::kChunked) {
    AppendField(out, "Transfer-Encoding", "chunked");
  }
  out.append("\r\n");
}

void AppendBodyPiece(std::string& out, BodyFraming framing, std::string_view data) {
  if (framing != BodyFraming::kChunked) {
    out.append(data);
    return;
  }
  if (data.empty()) {
    return;  // an empty chunk would end the body
  }
  char size[24];
  const auto r = std::to_chars(size, size + sizeof(size), data.size(), 16);
  out.append(size, r.ptr);
  out.append("\r\n");
  out.append(data);
  out.append("\r\n");
}

void AppendBodyEnd(std::string& out, BodyFraming framing) {
  if (framing == BodyFraming::kChunked) {
    out.append("0\r\n\r\n");
  }
}

void AppendClientResponseHead(std::string& out, const base::ResponseHead& head,
                              const ResponseHeadOptions& options) {
  out.append("HTTP/1.1 ");
  AppendInt(out, static_cast<uint64_t>(head.status));
  out.push_back(' ');
  out.append(head.reason.empty() ? ReasonPhrase(head.status) : std::string_view(head.reason));
  out.append("\r\n");
  const bool has_connection = head.headers.Contains("connection");
  for (const auto& f : head.headers.fields()) {
    if (has_connection ? !ForwardsField(head.headers, f.name) : IsHopByHop(f.name)) {
      continue;
    }
    if (options.drop_framing && EqualsIgnoreCase(f.name, "transfer-encoding")) {
      continue;
    }
    AppendField(out, f.name, f.value);
  }
  if (!options.event_id.empty()) {
    AppendField(out, "x-costgate-event-id", options.event_id);
  }
  if (options.close) {
    AppendField(out, "Connection", "close");
  }
  out.append("\r\n");
}

void AppendLocalResponse(std::string& out, int status, const base::Headers& headers,
                         std::string_view body, bool close) {
  out.append("HTTP/1.1 ");
  AppendInt(out, static_cast<uint64_t>(status));
  out.push_back(' ');
  out.append(ReasonPhrase(status));
  out.append("\r\n");
  // RFC 9110 8.6: a 304's Content-Length would have to be the length of the 200's content.
  if (status != 304) {
    out.append("Content-Length: ");
    AppendInt(out, body.size());
    out.append("\r\n");
  }
  for (const auto& f : headers.fields()) {
    AppendField(out, f.name, f.value);
  }
  if (close) {
    AppendField(out, "Connection", "close");
  }
  out.append("\r\n");
  out.append(body);
}

void AppendLocalChunkedHead(std::string& out, int status, const base::Headers& headers,
                            bool close) {
  out.append("HTTP/1.1 ");
  AppendInt(out, static_cast<uint64_t>(status));
  out.push_back(' ');
  out.append(ReasonPhrase(status));
  out.append("\r\nTransfer-Encoding: chunked\r\n");
  for (const auto& f : headers.fields()) {
    AppendField(out, f.name, f.value);
  }
  if (close) {
    AppendField(out, "Connection", "close");
  }
  out.append("\r\n");
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return status < 300 ? "OK" : "Error";
  }
}

}  // namespace costgate::daemon::http
