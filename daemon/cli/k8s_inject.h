// `costgate k8s inject`: adds the costgate proxy as a native sidecar to a Deployment manifest,
// the same sidecar as docker/k8s/base/app/deployment.yaml (README "Kubernetes sidecar"), without
// a mutating webhook. Pure text to text: no files, no cluster.
#pragma once

#include <string>
#include <string_view>

namespace costgate::daemon::cli {

struct InjectResult {
  std::string manifest;  // the Deployment with the sidecar, as YAML; empty on error
  std::string error;     // empty on success: why the input was refused
};

// Takes one YAML document holding an apps/v1 Deployment; anything else (another kind, several
// documents, no pod containers, unparsable YAML) is refused with a message. Adds what is missing
// and never duplicates: the init container `costgate-proxy` (restartPolicy: Always, probes,
// securityContext, downward-API env), its volumes (config from the ConfigMap
// costgate-proxy-config, the ship key from the Secret costgate-ship-key, the outbox emptyDir),
// each app container's SDK base URLs, the Prometheus annotations and enough
// terminationGracePeriodSeconds for the drain. Injecting its own output changes nothing.
// Comments in the input are not kept (the YAML is re-emitted).
InjectResult InjectSidecar(std::string_view manifest);

}  // namespace costgate::daemon::cli
