// One worker thread: its own io_context (one per core, no cross-thread locking on the data
// path), its own listening socket on the shared port (SO_REUSEPORT lets the kernel spread new
// connections), its own upstream connection pool, and the connections it accepted.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <unordered_set>

#include "base/uuid7.h"
#include "daemon/asio.h"
#include "daemon/server/connection_slots.h"
#include "daemon/server/runtime.h"
#include "daemon/server/services.h"
#include "daemon/upstream/upstream_pool.h"

namespace costgate::daemon::server {

class ClientConnection;

class Worker {
 public:
  // Access-log lines are batched per worker and written at least this often: one write(2) per
  // batch instead of one per request (the log is for people; receipts are the durable record).
  static constexpr std::chrono::milliseconds kAccessLogFlush{100};

  // `slots` counts the listener's connections over all its workers; it outlives the worker.
  Worker(Services& services, std::shared_ptr<const Runtime> runtime, ConnectionSlots& slots);
  ~Worker();

  // Binds the listening socket (before Start). Returns the bound port, 0 on error (`error` set).
  uint16_t Listen(const tcp::endpoint& endpoint, std::string& error);
  void Start();  // runs the io_context on a new thread
  void Join();

  // Thread-safe requests, carried out on the worker's thread.
  void PostRuntime(std::shared_ptr<const Runtime> runtime);
  void PostBeginDrain();  // stop accepting; close idle client connections
  void PostForceClose();  // cancel every connection's I/O (drain timeout)
  void PostStop();        // end the event loop

  size_t connection_count() const { return connection_count_.load(std::memory_order_acquire); }

  // For the worker's own connections (its thread only).
  const std::shared_ptr<const Runtime>& runtime() const { return runtime_; }
  Services& services() { return services_; }
  upstream::UpstreamPool& pool() { return pool_; }
  base::UuidV7Generator& ids() { return ids_; }
  bool draining() const { return draining_; }
  bool force_closing() const { return force_closing_; }
  void Register(ClientConnection* c);
  void Unregister(ClientConnection* c);
  ConnectionSlots& slots() { return slots_; }
  // Connections turned away and still lingering (connection_slots.h); false when there are
  // already kMaxLingering.
  bool BeginLinger();
  void EndLinger() { --lingering_; }

 private:
  Awaitable<void> AcceptLoop();
  Awaitable<void> FlushAccessLogLoop();

  Services& services_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
  std::shared_ptr<const Runtime> runtime_;
  upstream::UpstreamPool pool_;
  base::UuidV7Generator ids_;
  std::unordered_set<ClientConnection*> connections_;
  std::atomic<size_t> connection_count_{0};
  ConnectionSlots& slots_;
  int lingering_ = 0;
  bool draining_ = false;
  bool force_closing_ = false;
};

}  // namespace costgate::daemon::server
