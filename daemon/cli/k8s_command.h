// `costgate k8s ...`: Kubernetes helpers on the command line (k8s_inject.h does the work).
#pragma once

#include <cstdio>
#include <string_view>
#include <vector>

namespace costgate::daemon::cli {

void PrintK8sCommands(std::FILE* out);

// `k8s inject`: a Deployment on stdin, the same with the sidecar on stdout. Exit 0; 1 when the
// input is refused (message on stderr); 2 usage.
int K8sCommand(const std::vector<std::string_view>& args);

}  // namespace costgate::daemon::cli
