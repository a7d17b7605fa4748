#include "daemon/server/worker.h"

#include <algorithm>

#include "daemon/server/client_connection.h"

namespace costgate::daemon::server {
namespace {

// The proxy probes a waiting request's client once a second (daemon/proxy/response_relay.cpp)
// on this tick.
constexpr std::chrono::milliseconds kMaxWatchdogTick{1000};

}  // namespace

std::chrono::steady_clock::duration WatchdogTick(const config::Config& config) {
  const auto& t = config.timeouts;
  return std::min({t.header_read, t.idle_keepalive, t.upstream_connect, t.upstream_response,
                   t.client_write, kMaxWatchdogTick});
}

Worker::Worker(Services& services, std::shared_ptr<const config::Config> config,
               std::unique_ptr<Handler> handler, ConnectionSlots& slots)
    : services_(services),
      config_(std::move(config)),
      watchdog_tick_(WatchdogTick(*config_)),
      handler_(std::move(handler)),
      slots_(slots) {}

Worker::~Worker() { Join(); }

uint16_t Worker::Listen(const tcp::endpoint& endpoint, std::string& error) {
  error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  }
  if (!ec) {
    // Every worker listens on the same port; the kernel spreads connections between them.
    const int one = 1;
    if (::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) != 0) {
      ec = error_code(errno, boost::system::system_category());
    }
  }
  if (!ec) {
    acceptor_.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    error = "cannot listen on " + endpoint.address().to_string() + ":" +
            std::to_string(endpoint.port()) + ": " + ec.message();
    return 0;
  }
  return acceptor_.local_endpoint().port();
}

void Worker::Start() {
  asio::co_spawn(io_, AcceptLoop(), asio::detached);
  asio::co_spawn(io_, FlushAccessLogLoop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

void Worker::Join() {
  if (thread_.joinable()) {
    thread_.join();
  }
}

Awaitable<void> Worker::AcceptLoop() {
  while (acceptor_.is_open()) {
    error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(Await(ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) {
        break;
      }
      // EMFILE and friends: log, back off a little so the loop does not spin, keep serving.
      services_.logger.Warn("accept failed").Str("error", ec.message()).Emit();
      asio::steady_timer pause(io_, std::chrono::milliseconds(50));
      co_await pause.async_wait(Await(ec));
      continue;
    }
    if (draining_) {
      break;
    }
    if (!slots_.TryTake(config_->limits.max_connections)) {
      TurnAway(*this, std::move(socket));
      continue;
    }
    // The connection gives its slot back when it is destroyed.
    std::make_shared<ClientConnection>(*this, std::move(socket))->Start();
  }
}

Awaitable<void> Worker::FlushAccessLogLoop() {
  asio::steady_timer timer(io_);
  for (;;) {
    timer.expires_after(kAccessLogFlush);
    error_code ec;
    co_await timer.async_wait(Await(ec));
    services_.logger.FlushThreadBatch();
    if (ec) {
      break;
    }
  }
}

void Worker::Register(ClientConnection* c) {
  connections_.insert(c);
  connection_count_.store(connections_.size(), std::memory_order_release);
  services_.metrics.ConnectionOpened();
}

bool Worker::BeginLinger() {
  if (lingering_ >= kMaxLingering) {
    return false;
  }
  ++lingering_;
  return true;
}

void Worker::Unregister(ClientConnection* c) {
  connections_.erase(c);
  connection_count_.store(connections_.size(), std::memory_order_release);
  services_.metrics.ConnectionClosed();
}

void Worker::PostReload(std::shared_ptr<const config::Config> config,
                        std::function<void(Handler&)> adopt) {
  asio::post(io_, [this, config = std::move(config), adopt = std::move(adopt)]() mutable {
    watchdog_tick_ = WatchdogTick(*config);
    config_ = std::move(config);
    adopt(*handler_);
  });
}

void Worker::PostBeginDrain() {
  asio::post(io_, [this] {
    draining_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    for (ClientConnection* c : connections_) {
      c->OnDrain();
    }
  });
}

void Worker::PostForceClose() {
  asio::post(io_, [this] {
    force_closing_ = true;
    for (ClientConnection* c : connections_) {
      c->OnForceClose();
    }
  });
}

void Worker::PostHeartbeat(uint64_t round) {
  asio::post(io_, [this, round] { heartbeat_.store(round, std::memory_order_release); });
}

void Worker::PostStop() {
  asio::post(io_, [this] {
    handler_->OnStop();
    services_.logger.FlushThreadBatch();
    io_.stop();
  });
}

}  // namespace costgate::daemon::server
