#include "daemon/cli/k8s_command.h"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

#include "daemon/cli/k8s_inject.h"

namespace costgate::daemon::cli {

void PrintK8sCommands(std::FILE* out) {
  std::fprintf(out,
               "  costgate k8s inject < deployment.yaml\n"
               "                                   print the Deployment with the costgate proxy\n"
               "                                   as a native sidecar (docker/k8s); idempotent\n");
}

int K8sCommand(const std::vector<std::string_view>& args) {
  if (args.size() != 1 || args[0] != "inject") {
    std::fprintf(stderr,
                 "costgate k8s: expected `inject` (costgate k8s inject < deployment.yaml)\n");
    return 2;
  }
  const std::string input(std::istreambuf_iterator<char>(std::cin), {});
  const InjectResult result = InjectSidecar(input);
  if (!result.error.empty()) {
    std::fprintf(stderr, "costgate k8s inject: %s\n", result.error.c_str());
    return 1;
  }
  std::fwrite(result.manifest.data(), 1, result.manifest.size(), stdout);
  return 0;
}

}  // namespace costgate::daemon::cli
