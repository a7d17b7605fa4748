// One accepted client connection: reads request heads (keep-alive, pipelining) and hands each
// request to the worker's handler; refuses a malformed or late head itself.
#pragma once

#include <memory>

#include "daemon/asio.h"
#include "daemon/http/byte_buffer.h"
#include "daemon/http/message_parser.h"
#include "daemon/server/watchdog.h"

namespace costgate::daemon::server {

class Worker;

class ClientConnection : public std::enable_shared_from_this<ClientConnection> {
 public:
  // Holds one of the worker's connection slots, taken by the caller, until destroyed.
  ClientConnection(Worker& worker, tcp::socket socket);
  ~ClientConnection();
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  void Start();
  // Drain: a connection waiting for its next request closes now; a busy one after its response.
  void OnDrain();
  // Drain timeout: cancel whatever I/O is pending.
  void OnForceClose();

  Worker& worker() { return worker_; }
  tcp::socket& socket() { return socket_; }
  http::ByteBuffer& input() { return input_; }
  http::MessageParser& parser() { return parser_; }
  Watchdog& watchdog() { return watchdog_; }
  // The upstream socket of the request in progress, so a drain timeout can cancel it too.
  void set_active_upstream(tcp::socket* socket) { active_upstream_ = socket; }

  // Sends what the socket accepts right now, without waiting; `bytes` keeps the rest. Returns
  // false when the client is gone. A response that fits the socket buffer (nearly all) then
  // costs one send(2) and no asynchronous operation.
  bool SendNow(std::string_view& bytes);
  // Waits (bounded by timeouts.client_write) until all of `bytes` is sent.
  Awaitable<bool> WriteRest(std::string_view bytes);
  // SendNow, then WriteRest for what is left.
  Awaitable<bool> WriteAll(std::string_view bytes);

 private:
  Awaitable<void> Run();
  enum class HeadResult { kHead, kClosed };
  Awaitable<HeadResult> ReadHead();
  Awaitable<bool> RejectMalformed();  // after a parse error in the head

  Worker& worker_;
  tcp::socket socket_;
  http::ByteBuffer input_{16 * 1024};
  http::MessageParser parser_;
  Watchdog watchdog_;
  bool idle_ = true;  // waiting for the first byte of a request
  tcp::socket* active_upstream_ = nullptr;
};

}  // namespace costgate::daemon::server
