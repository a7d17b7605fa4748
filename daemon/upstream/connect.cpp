#include "daemon/upstream/connect.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

namespace costgate::daemon::upstream {

namespace {

struct Cancellation {
  tcp::resolver* resolver;
  tcp::socket* socket;

  // Closing (not just cancelling) stops the composed connect from trying the next address.
  static void Fire(void* arg) noexcept {
    auto* self = static_cast<Cancellation*>(arg);
    self->resolver->cancel();
    error_code ignored;
    self->socket->close(ignored);
  }
};

}  // namespace

Awaitable<ConnectResult> Connect(const UpstreamTarget& target, util::Deadline& deadline,
                                 std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto conn = std::make_unique<UpstreamConnection>(executor, *target.tls);
  conn->generation = target.generation;
  Cancellation cancellation{&resolver, &conn->stream.next_layer()};
  deadline.Arm(timeout, &Cancellation::Fire, &cancellation);

  error_code ec;
  const auto endpoints = co_await resolver.async_resolve(target.host, target.port, Await(ec));
  if (ec) {
    const bool timed_out = deadline.fired();
    deadline.Disarm();
    co_return ConnectResult{nullptr, timed_out ? ConnectError::kTimeout : ConnectError::kResolve,
                            ec.message()};
  }
  co_await asio::async_connect(conn->stream.next_layer(), endpoints, Await(ec));
  if (ec) {
    const bool timed_out = deadline.fired();
    deadline.Disarm();
    co_return ConnectResult{nullptr, timed_out ? ConnectError::kTimeout : ConnectError::kConnect,
                            ec.message()};
  }
  conn->stream.next_layer().set_option(tcp::no_delay(true), ec);
  if (!target.host_is_ip) {
    SSL_set_tlsext_host_name(conn->stream.native_handle(), target.host.c_str());
  }
  conn->stream.set_verify_callback(ssl::host_name_verification(target.host));
  co_await conn->stream.async_handshake(ssl::stream_base::client, Await(ec));
  const bool timed_out = deadline.fired();
  deadline.Disarm();
  if (ec) {
    co_return ConnectResult{nullptr, timed_out ? ConnectError::kTimeout : ConnectError::kTls,
                            ec.message()};
  }
  co_return ConnectResult{std::move(conn), ConnectError::kNone, {}};
}

}  // namespace costgate::daemon::upstream
