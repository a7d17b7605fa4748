#include "daemon/cli/cli.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_loader.h"
#include "config/env_overrides.h"
#include "daemon/cli/admin.h"
#include "daemon/cli/budgets.h"
#include "daemon/cli/generate_events.h"
#include "daemon/cli/k8s_command.h"
#include "daemon/cli/keys.h"
#include "daemon/cli/prices.h"
#include "daemon/roles/config_files.h"
#include "daemon/roles/run.h"

namespace costgate::daemon::cli {

namespace {

void PrintHelp(std::FILE* out) {
  std::fprintf(out,
               "costgate %s: a metering and budget gateway for AI APIs\n"
               "\n"
               "Usage:\n"
               "  costgate proxy [--config FILE]   run the metering proxy (the per-host sidecar)\n"
               "  costgate central [--config FILE] run central: the /v1 API and the event store\n"
               "  costgate all [--config FILE]     run both in one process (a single host, the\n"
               "                                   quick start): the proxy on listen.*, central\n"
               "                                   on central.listen.*, receipts shipped to it\n"
               "                                   in process unless shipper.url is set\n"
               "  costgate check-config FILE       validate a configuration file and the files it\n"
               "                                   names (CA bundles, key and overrides files);\n"
               "                                   print every error\n",
               COSTGATE_VERSION);
  PrintGenerateEventsCommand(out);
  PrintPricesCommands(out);
  PrintKeysCommands(out);
  PrintAdminCommands(out);
  PrintBudgetsCommands(out);
  PrintK8sCommands(out);
  std::fprintf(out,
               "  costgate --help | --version\n"
               "\n"
               "Without --config, COSTGATE_CONFIG names the file; with neither, the embedded\n"
               "defaults apply: listen on 127.0.0.1:8787, forward /gemini/... and the Gemini API\n"
               "paths (/v1/models/..., /v1beta/models/..., /v1alpha/models/...) to\n"
               "https://generativelanguage.googleapis.com, write receipts to\n"
               "./costgate-receipts.db. config/costgate.example.yaml documents every setting.\n"
               "\n");
  PrintPricesOptions(out);
  PrintKeysOptions(out);
  std::fprintf(out, "\n");
  PrintAdminOptions(out);
  std::fprintf(out, "\n");
  PrintBudgetsOptions(out);
  std::fprintf(out, "\nEnvironment overrides (win over the file):\n");
  for (const auto& e : config::EnvOverrides()) {
    std::fprintf(out, "  %-33.*s %.*s\n", static_cast<int>(e.name.size()), e.name.data(),
                 static_cast<int>(e.description.size()), e.description.data());
  }
  std::fprintf(out,
               "\n"
               "Signals: SIGTERM/SIGINT drain (in-flight requests for up to timeouts.drain_ms,\n"
               "then unshipped receipts to central for up to shipper.drain_ms) and exit 0;\n"
               "SIGHUP reloads the configuration file.\n"
               "Under systemd (NOTIFY_SOCKET set: a Type=notify unit, systemd/*.service.in) the\n"
               "daemon reports READY=1 once listening, RELOADING=1, STOPPING=1 and, with\n"
               "WatchdogSec=, WATCHDOG=1 every half of it.\n"
               "Endpoints: GET /healthz, /readyz, /metrics (Prometheus). Central also serves\n"
               "GET /v1/health, POST /v1/usage/batch, /v1/preflight, /v1/usage/record,\n"
               "/v1/users/upsert, /v1/projects/upsert (X-API-Key; any path prefix before /v1/),\n"
               "and the admin API: GET, POST /admin/v1/budgets; GET, PATCH, DELETE\n"
               "/admin/v1/budgets/ID|NAME; GET /admin/v1/audit (a key with scope admin, as\n"
               "X-API-Key or Authorization: Bearer).\n"
               "Dashboard: central serves it at / from central.static_dir; when that is empty\n"
               "(the default), from dashboard/dist of the source tree for a build-tree binary\n"
               "or <prefix>/share/costgate/dashboard for an installed one (build it with\n"
               "`npm ci && npm run build` in dashboard/; scripts/start.sh does); `static_dir:\n"
               "off` serves none.\n");
}

struct ConfigChoice {
  std::string path;
  bool ok = true;
};

ConfigChoice ParseServeArgs(std::string_view command, const std::vector<std::string_view>& args) {
  ConfigChoice choice;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--config" || args[i] == "-c") && i + 1 < args.size()) {
      choice.path = std::string(args[++i]);
    } else if (args[i].rfind("--config=", 0) == 0) {
      choice.path = std::string(args[i].substr(9));
    } else {
      std::fprintf(stderr, "costgate %.*s: unexpected argument '%.*s' (see costgate --help)\n",
                   static_cast<int>(command.size()), command.data(),
                   static_cast<int>(args[i].size()), args[i].data());
      choice.ok = false;
    }
  }
  if (choice.path.empty()) {
    if (const char* env = std::getenv("COSTGATE_CONFIG"); env != nullptr) {
      choice.path = env;
    }
  }
  return choice;
}

int ServeCommand(std::string_view command, const std::vector<std::string_view>& args) {
  const ConfigChoice choice = ParseServeArgs(command, args);
  if (!choice.ok) {
    return 2;
  }
  const config::Environment env = config::CurrentEnvironment();
  config::LoadResult loaded = choice.path.empty() ? config::LoadConfigFromString("", env)
                                                  : config::LoadConfigFile(choice.path, env);
  if (!loaded.config) {
    std::fprintf(stderr, "costgate: invalid configuration%s%s:\n%s",
                 choice.path.empty() ? "" : " in ", choice.path.c_str(),
                 config::FormatErrors(loaded.errors).c_str());
    return 2;
  }
  roles::ServerOptions options{choice.path, std::move(*loaded.config)};
  if (command == "central") {
    return roles::RunCentral(options);
  }
  return command == "all" ? roles::RunAll(options) : roles::RunProxy(options);
}

int CheckConfigCommand(const std::vector<std::string_view>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: costgate check-config FILE\n");
    return 2;
  }
  const std::string path(args[0]);
  const config::LoadResult loaded = config::LoadConfigFile(path, config::CurrentEnvironment());
  // The files are checked even when the YAML has errors: one run reports every problem. Both
  // roles' files: the file may serve either.
  std::vector<config::ConfigError> errors = loaded.errors;
  for (config::ConfigError& e : roles::CheckConfigFiles(loaded.as_read, roles::Role::kAll)) {
    errors.push_back(std::move(e));
  }
  if (!errors.empty()) {
    std::fprintf(stderr, "%s", config::FormatErrors(errors).c_str());
    std::fprintf(stderr, "%s: %zu error%s\n", path.c_str(), errors.size(),
                 errors.size() == 1 ? "" : "s");
    return 1;
  }
  std::printf("%s: ok\n", path.c_str());
  return 0;
}

}  // namespace

int Main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintHelp(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("costgate %s\n", COSTGATE_VERSION);
    return 0;
  }
  const std::string_view command = args[0];
  args.erase(args.begin());
  if (command == "central" && !args.empty() && args[0] == "generate-events") {
    return GenerateEventsCommand({args.begin() + 1, args.end()});
  }
  if (command == "proxy" || command == "central" || command == "all") {
    return ServeCommand(command, args);
  }
  if (command == "check-config") {
    return CheckConfigCommand(args);
  }
  if (command == "prices") {
    return PricesCommand(args);
  }
  if (command == "keys") {
    return KeysCommand(args);
  }
  if (command == "budgets") {
    return BudgetsCommand(args);
  }
  if (command == "admin") {
    return AdminCommand(args);
  }
  if (command == "k8s") {
    return K8sCommand(args);
  }
  std::fprintf(stderr, "costgate: unknown command '%.*s'\n\n", static_cast<int>(command.size()),
               command.data());
  PrintHelp(stderr);
  return 2;
}

}  // namespace costgate::daemon::cli
