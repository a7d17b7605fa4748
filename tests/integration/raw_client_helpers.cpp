#include "tests/integration/raw_client_helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace costgate::integration {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// "HTTP/1.1 200 OK\r\nName: v\r\n..." (without the final empty line) -> head.
std::optional<RawResponseHead> ParseHead(std::string_view text) {
  RawResponseHead head;
  size_t line_end = text.find(kCrlf);
  const std::string_view status_line = text.substr(0, line_end);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) {
    return std::nullopt;
  }
  head.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  head.reason = std::string(status_line.substr(std::min<size_t>(13, status_line.size())));
  while (line_end != std::string_view::npos) {
    const size_t start = line_end + kCrlf.size();
    line_end = text.find(kCrlf, start);
    const std::string_view line = text.substr(start, line_end - start);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') {
      value.remove_prefix(1);
    }
    head.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return head;
}

}  // namespace

RawConnection::RawConnection(uint16_t port) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    Close();
    return;
  }
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

RawConnection::~RawConnection() { Close(); }

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty() && fd_ >= 0) {
    const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return fd_ >= 0;
}

void RawConnection::Close() {
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
}

bool RawConnection::Fill(Clock::time_point deadline) {
  if (fd_ < 0 || peer_closed_) {
    return false;
  }
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  pollfd p{fd_, POLLIN, 0};
  if (left.count() < 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) {
    return false;
  }
  char data[65536];
  const ssize_t n = recv(fd_, data, sizeof(data), 0);
  if (n <= 0) {
    peer_closed_ = true;  // EOF, or an error such as ECONNRESET
    return false;
  }
  buffer_.append(data, static_cast<size_t>(n));
  return true;
}

std::optional<RawResponseHead> RawConnection::ReadHead(Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  size_t end = buffer_.find("\r\n\r\n");
  while (end == std::string::npos) {
    if (!Fill(deadline)) {
      return std::nullopt;
    }
    end = buffer_.find("\r\n\r\n");
  }
  std::optional<RawResponseHead> head = ParseHead(std::string_view(buffer_).substr(0, end));
  buffer_.erase(0, end + 4);
  body_.clear();
  body_complete_ = false;
  in_chunk_data_ = false;
  remaining_ = 0;
  if (!head) {
    return head;
  }
  const auto transfer_encoding = head->Header("Transfer-Encoding");
  const auto content_length = head->Header("Content-Length");
  if (head->status < 200 || head->status == 204 || head->status == 304) {
    framing_ = Framing::kNone;
  } else if (transfer_encoding && transfer_encoding->find("chunked") != std::string::npos) {
    framing_ = Framing::kChunked;
  } else if (content_length) {
    framing_ = Framing::kLength;
    remaining_ = std::strtoull(content_length->c_str(), nullptr, 10);
  } else {
    framing_ = Framing::kUntilClose;
  }
  return head;
}

void RawConnection::DecodeBody() {
  switch (framing_) {
    case Framing::kNone:
      body_complete_ = true;
      return;
    case Framing::kUntilClose:
      body_ += buffer_;
      buffer_.clear();
      body_complete_ = peer_closed_;
      return;
    case Framing::kLength: {
      const size_t n = std::min<size_t>(remaining_, buffer_.size());
      body_.append(buffer_, 0, n);
      buffer_.erase(0, n);
      remaining_ -= n;
      body_complete_ = remaining_ == 0;
      return;
    }
    case Framing::kChunked:
      break;
  }
  while (!body_complete_) {
    if (in_chunk_data_) {
      const size_t n = std::min<size_t>(remaining_, buffer_.size());
      body_.append(buffer_, 0, n);
      buffer_.erase(0, n);
      remaining_ -= n;
      if (remaining_ > 0 || buffer_.size() < kCrlf.size()) {
        return;
      }
      buffer_.erase(0, kCrlf.size());
      in_chunk_data_ = false;
      continue;
    }
    const size_t line_end = buffer_.find(kCrlf);
    if (line_end == std::string::npos) {
      return;
    }
    const uint64_t size = std::strtoull(buffer_.substr(0, line_end).c_str(), nullptr, 16);
    if (size > 0) {
      buffer_.erase(0, line_end + kCrlf.size());
      remaining_ = size;
      in_chunk_data_ = true;
      continue;
    }
    // Last chunk: the trailer section ends with an empty line.
    const size_t trailers_end = buffer_.find("\r\n\r\n", line_end);
    if (trailers_end == std::string::npos) {
      return;
    }
    buffer_.erase(0, trailers_end + 4);
    body_complete_ = true;
  }
}

void RawConnection::ReadBody(Clock::duration timeout,
                             const std::function<bool(std::string_view)>& enough) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    DecodeBody();
    if (body_complete_ || enough(body_) || peer_closed_) {
      return;
    }
    if (!Fill(deadline)) {
      DecodeBody();
      return;
    }
  }
}

void RawConnection::ReadFullBody(Clock::duration timeout) {
  ReadBody(timeout, [](std::string_view) { return false; });
}

bool RawConnection::WaitForClose(Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Fill(deadline)) {
    buffer_.clear();
  }
  return peer_closed_;
}

}  // namespace costgate::integration
