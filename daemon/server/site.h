// One role served on one listen address, as the server core sees it: where to listen, a
// handler per worker, and how a new configuration generation reaches those handlers.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/server/handler.h"

namespace costgate::daemon::server {

class Site {
 public:
  virtual ~Site() = default;

  // "proxy" or "central", for logs.
  virtual std::string_view Name() const = 0;
  virtual const config::ListenConfig& Listen(const config::Config& config) const = 0;

  // A handler for one worker, serving the generation prepared last.
  virtual std::unique_ptr<Handler> NewHandler() = 0;

  // Builds what requests of a new configuration generation need (upstream targets, the filter
  // chain). Returns how a worker's handler adopts it (run on the worker's thread, between
  // requests: a request keeps the generation it started with), or nullopt with `error` set when
  // the generation cannot be used (the running one stays).
  using Adopt = std::function<void(Handler&)>;
  virtual std::optional<Adopt> Prepare(std::shared_ptr<const config::Config> config,
                                       uint64_t generation, std::string& error) = 0;
};

}  // namespace costgate::daemon::server
