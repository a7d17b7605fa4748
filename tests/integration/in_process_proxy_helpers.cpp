#include "tests/integration/in_process_proxy_helpers.h"

#include <stdexcept>

#include "config/config_loader.h"
#include "pricing/book_loader.h"

namespace costgate::integration {

InProcessProxy::InProcessProxy(const DaemonSettings& settings, filters::preflight::BudgetGate* gate)
    : receipts_(dir_.path() / "receipts.db") {
  const std::filesystem::path config_path = dir_.path() / "costgate.yaml";
  WriteFile(config_path, RenderConfigYaml(settings, receipts_.path()));
  config::LoadResult loaded = config::LoadConfigFile(config_path.string(), {});
  if (!loaded.config) {
    throw std::runtime_error("bad test config: " + config::FormatErrors(loaded.errors));
  }
  loaded.config->pricing.history_dir.clear();  // the bundled book only
  auto config = std::make_shared<const config::Config>(std::move(*loaded.config));

  log_file_ = std::fopen((dir_.path() / "proxy.log").c_str(), "w");
  if (log_file_ == nullptr) {
    throw std::runtime_error("cannot open the proxy log");
  }
  logger_ = std::make_unique<daemon::log::Logger>(fileno(log_file_));
  prices_ =
      std::make_unique<pricing::PriceBookHolder>(pricing::LoadPriceBook(config->pricing).book);
  role_ = std::make_unique<daemon::roles::ProxyRole>(*logger_, metrics_, *prices_);
  role_->SetBudgetGate(gate);
  if (!role_->Open(config)) {
    throw std::runtime_error("the proxy role did not open: " + Log());
  }
  services_ = std::make_unique<daemon::server::Services>(
      daemon::server::Services{*logger_, metrics_, "test"});
  worker_ = std::make_unique<daemon::server::Worker>(*services_, config, role_->site().NewHandler(),
                                                     slots_);
  std::string error;
  port_ =
      worker_->Listen(daemon::tcp::endpoint(daemon::asio::ip::make_address("127.0.0.1"), 0), error);
  if (port_ == 0) {
    throw std::runtime_error(error);
  }
  worker_->Start();
}

void InProcessProxy::Stop() {
  if (worker_ != nullptr) {
    worker_->PostStop();
    worker_->Join();
    worker_.reset();  // its connections' coroutines, and their completions, end here
  }
  if (role_ != nullptr) {
    role_->Stop();
  }
}

InProcessProxy::~InProcessProxy() {
  Stop();
  role_.reset();
  if (log_file_ != nullptr) {
    std::fclose(log_file_);
  }
}

}  // namespace costgate::integration
