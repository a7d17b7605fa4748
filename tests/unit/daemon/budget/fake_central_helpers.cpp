#include "tests/unit/daemon/budget/fake_central_helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "base/clock.h"
#include "base/json_text.h"

namespace costgate::daemon::budget::testing {
namespace {

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The value of header `name` in `head` (lines after the first), "" when absent.
std::string HeaderValue(std::string_view head, std::string_view name) {
  size_t at = head.find("\r\n");
  while (at != std::string_view::npos && at + 2 < head.size()) {
    const size_t start = at + 2;
    const size_t end = head.find("\r\n", start);
    const std::string_view line = head.substr(start, end - start);
    const size_t colon = line.find(':');
    if (colon == name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
      }
      return std::string(value);
    }
    at = end;
  }
  return "";
}

}  // namespace

FakeCentral::FakeCentral(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      listen(listen_fd_, 64) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("fake central: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

FakeCentral::~FakeCentral() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    for (const int fd : open_fds_) {
      shutdown(fd, SHUT_RDWR);
    }
  }
  changed_.notify_all();
  shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  close(listen_fd_);
  for (std::thread& t : threads_) {
    t.join();
  }
  for (const int fd : open_fds_) {
    close(fd);
  }
}

void FakeCentral::Accept() {
  for (;;) {
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    const std::lock_guard lock(mutex_);
    if (fd < 0 || stopping_) {
      if (fd >= 0) {
        close(fd);
      }
      return;
    }
    open_fds_.push_back(fd);
    threads_.emplace_back([this, fd] { Serve(fd); });
  }
}

void FakeCentral::Serve(int fd) {
  std::string buffer;
  char chunk[4096];
  for (;;) {
    size_t head_end = buffer.find("\r\n\r\n");
    while (head_end == std::string::npos) {
      const ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) {
        return;
      }
      buffer.append(chunk, static_cast<size_t>(n));
      head_end = buffer.find("\r\n\r\n");
    }
    const std::string head = buffer.substr(0, head_end);
    const size_t length =
        static_cast<size_t>(std::stoul("0" + HeaderValue(head, "Content-Length")));
    while (buffer.size() < head_end + 4 + length) {
      const ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) {
        return;
      }
      buffer.append(chunk, static_cast<size_t>(n));
    }
    FakeRequest request;
    const size_t space = head.find(' ');
    request.method = head.substr(0, space);
    request.path = head.substr(space + 1, head.find(' ', space + 1) - space - 1);
    request.api_key = HeaderValue(head, "X-API-Key");
    request.body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);
    uint64_t releases = 0;
    {
      const std::lock_guard lock(mutex_);
      requests_.push_back(request);
      releases = releases_;
    }
    changed_.notify_all();
    const FakeReply reply = handler_(request);
    if (reply.hold) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || releases_ > releases; });
      if (stopping_) {
        return;
      }
    }
    const std::string response = "HTTP/1.1 " + std::to_string(reply.status) +
                                 " Fake\r\nContent-Type: application/json\r\nContent-Length: " +
                                 std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
    if (!WriteAll(fd, response)) {
      return;
    }
  }
}

void FakeCentral::ReleaseHeld() {
  {
    const std::lock_guard lock(mutex_);
    ++releases_;
  }
  changed_.notify_all();
}

std::vector<FakeRequest> FakeCentral::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

bool FakeCentral::WaitForRequests(size_t n) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return requests_.size() >= n; });
}

FakeReply LeaseCentral::Answer(const FakeRequest& request) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view holder;
  simdjson::dom::array leases;
  if (parser.parse(request.body).get(root) != simdjson::SUCCESS ||
      root["holder"].get_string().get(holder) != simdjson::SUCCESS ||
      root["leases"].get_array().get(leases) != simdjson::SUCCESS) {
    return {400, R"({"error":{"code":"bad_request","message":"not the lease protocol"}})"};
  }
  std::vector<Report> reports;
  for (simdjson::dom::element e : leases) {
    Report r;
    std::string_view id;
    if (e["budget_id"].get_string().get(id) != simdjson::SUCCESS ||
        e["used_pico_usd"].get_int64().get(r.used) != simdjson::SUCCESS ||
        e["need_pico_usd"].get_int64().get(r.need) != simdjson::SUCCESS ||
        e["release"].get_bool().get(r.release) != simdjson::SUCCESS) {
      return {400, R"({"error":{"code":"bad_request","message":"bad lease entry"}})"};
    }
    r.budget_id = id;
    reports.push_back(std::move(r));
  }
  const int64_t now = base::NowUnixMs();
  const std::lock_guard lock(mutex_);
  holders_.emplace_back(holder);
  reports_.push_back(reports);
  std::string out = R"({"now_unix_ms":)" + std::to_string(now) + R"(,"lease_ttl_ms":)" +
                    std::to_string(ttl_ms_) + R"(,"budgets":[)";
  for (size_t i = 0; i < budgets_.size(); ++i) {
    const Budget& b = budgets_[i];
    int64_t need = 0;
    bool asked = false;
    for (const Report& r : reports) {
      if (r.budget_id != b.id) {
        continue;
      }
      asked = true;
      need = r.need;
      if (r.release) {
        granted_[b.id] = r.used;
        need = -1;  // nothing more
      } else if (need == 0 && granted_[b.id] - r.used < last_grant_[b.id] / 2) {
        need = 1;  // below half its last grant: refill
      }
    }
    if (b.hard && need >= 0 && (!asked || need > 0 || granted_.count(b.id) == 0)) {
      const int64_t remaining = std::max<int64_t>(0, b.amount.pico() - granted_[b.id]);
      const int64_t grant = std::min(remaining, std::max(std::min(remaining, need), remaining / 2));
      granted_[b.id] += grant;
      if (grant > 0) {
        last_grant_[b.id] = grant;
      }
    }
    out += i == 0 ? "{" : ",{";
    base::AppendJsonKey(out, "id");
    base::AppendJsonString(out, b.id);
    out += ',';
    base::AppendJsonKey(out, "name");
    base::AppendJsonString(out, b.name);
    out += R"(,"scope":{"workspace":"","team":"","project":)";
    base::AppendJsonString(out, b.project);
    out += R"(,"source_app":"","environment":"","user":"","provider":"","model":""})";
    out += R"(,"period":"monthly","period_key":)";
    base::AppendJsonString(out, b.period_key);
    out += R"(,"period_end_unix_ms":)" + std::to_string(b.period_end_unix_ms);
    out += std::string(R"(,"hard_limit":)") + (b.hard ? "true" : "false");
    out += R"(,"per_request_cap_pico_usd":)" + (b.cap ? std::to_string(b.cap->pico()) : "null");
    out += R"(,"fail_closed":)" +
           std::string(b.fail_closed ? (*b.fail_closed ? "true" : "false") : "null");
    if (b.hard) {
      out += R"(,"lease":{"granted_pico_usd":)" + std::to_string(granted_[b.id]) +
             R"(,"expires_unix_ms":)" + std::to_string(now + ttl_ms_) + "}}";
    } else {
      out += R"(,"lease":null})";
    }
  }
  out += "]}";
  return {200, std::move(out)};
}

int64_t LeaseCentral::granted(const std::string& id) const {
  const std::lock_guard lock(mutex_);
  const auto it = granted_.find(id);
  return it == granted_.end() ? 0 : it->second;
}

std::vector<std::vector<LeaseCentral::Report>> LeaseCentral::reports() const {
  const std::lock_guard lock(mutex_);
  return reports_;
}

std::vector<std::string> LeaseCentral::holders() const {
  const std::lock_guard lock(mutex_);
  return holders_;
}

}  // namespace costgate::daemon::budget::testing
