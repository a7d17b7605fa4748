// One worker thread: its own io_context (one per core, no cross-thread locking on the data
// path), its own listening socket on the shared port (SO_REUSEPORT lets the kernel spread new
// connections), its own handler (the role's per-thread state, e.g. the proxy's upstream pool),
// and the connections it accepted.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <unordered_set>

#include "config/config.h"
#include "daemon/asio.h"
#include "daemon/server/connection_slots.h"
#include "daemon/server/handler.h"
#include "daemon/server/services.h"

namespace costgate::daemon::server {

class ClientConnection;

// The watchdog tick for `config`: its smallest timeout, and never above one second, the
// interval of the proxy's client probe (a coarser tick would stretch the time a departed
// client keeps its upstream call running to the shortest timeout).
std::chrono::steady_clock::duration WatchdogTick(const config::Config& config);

class Worker {
 public:
  // Access-log lines are batched per worker and written at least this often: one write(2) per
  // batch instead of one per request (the log is for people; receipts are the durable record).
  static constexpr std::chrono::milliseconds kAccessLogFlush{100};

  // `slots` counts the listener's connections over all its workers; it outlives the worker.
  Worker(Services& services, std::shared_ptr<const config::Config> config,
         std::unique_ptr<Handler> handler, ConnectionSlots& slots);
  ~Worker();

  // Binds the listening socket (before Start). Returns the bound port, 0 on error (`error` set).
  uint16_t Listen(const tcp::endpoint& endpoint, std::string& error);
  void Start();  // runs the io_context on a new thread
  void Join();

  // Thread-safe requests, carried out on the worker's thread.
  // A new configuration generation: the worker's limits and timeouts, and `adopt` run on the
  // handler. Requests in progress keep what they started with.
  void PostReload(std::shared_ptr<const config::Config> config,
                  std::function<void(Handler&)> adopt);
  void PostBeginDrain();  // stop accepting; close idle client connections
  void PostForceClose();  // cancel every connection's I/O (drain timeout)
  void PostStop();        // end the event loop
  // Liveness for the service manager's watchdog: the loop stores `round` in heartbeat() when it
  // gets to it, so a loop that stopped turning stops answering.
  void PostHeartbeat(uint64_t round);
  uint64_t heartbeat() const { return heartbeat_.load(std::memory_order_acquire); }

  size_t connection_count() const { return connection_count_.load(std::memory_order_acquire); }

  // For the worker's own connections (its thread only).
  const std::shared_ptr<const config::Config>& config() const { return config_; }
  std::chrono::steady_clock::duration watchdog_tick() const { return watchdog_tick_; }
  Services& services() { return services_; }
  Handler& handler() { return *handler_; }
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
  std::shared_ptr<const config::Config> config_;
  std::chrono::steady_clock::duration watchdog_tick_;
  std::unique_ptr<Handler> handler_;
  std::unordered_set<ClientConnection*> connections_;
  std::atomic<size_t> connection_count_{0};
  std::atomic<uint64_t> heartbeat_{0};
  ConnectionSlots& slots_;
  int lingering_ = 0;
  bool draining_ = false;
  bool force_closing_ = false;
  // After everything a connection uses, so destroyed before it: a stop destroys the coroutines
  // still pending in the context (a request waiting for a filter, say), and their completion
  // still reaches the handler and the worker's connection set.
  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
};

}  // namespace costgate::daemon::server
