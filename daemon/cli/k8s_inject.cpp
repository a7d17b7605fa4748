#include "daemon/cli/k8s_inject.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costgate::daemon::cli {
namespace {

constexpr std::string_view kSidecarName = "costgate-proxy";

// Kept in step with docker/k8s/base/app/deployment.yaml; tests/k8s/check.mjs holds both to the
// same rules. The pod-level settings of the base (runAsUser, seccomp) are on the container here:
// an app's own pod securityContext is not ours to change. The source_app line is completed with
// the label the pod template uses.
constexpr std::string_view kSidecarYaml = R"yaml(
name: costgate-proxy
image: localhost/costgate:latest
restartPolicy: Always
command: ["/usr/bin/costgate", "proxy", "--config", "/etc/costgate/costgate.yaml"]
workingDir: /var/lib/costgate
ports:
  - {name: costgate, containerPort: 8787}
env:
  - {name: COSTGATE_THREADS, value: "1"}
  - {name: K8S_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
  - {name: K8S_POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
  - {name: K8S_NODE_NAME, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
  - {name: COSTGATE_SOURCE_APP, valueFrom: {fieldRef: {fieldPath: ""}}}
  - {name: COSTGATE_POD, value: "$(K8S_NAMESPACE)/$(K8S_POD_NAME)"
}
  - {name: COSTGATE_HOST, value: "$(K8S_NODE_NAME)"}
startupProbe: {httpGet: {path: /readyz, port: costgate}, periodSeconds: 1, failureThreshold: 30}
livenessProbe: {httpGet: {path: /healthz, port: costgate}, periodSeconds: 10, timeoutSeconds: 2}
readinessProbe: {httpGet: {path: /readyz, port: costgate}, periodSeconds: 5, timeoutSeconds: 2}
securityContext:
  runAsNonRoot: true
  runAsUser: 65532
  runAsGroup: 65532
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities: {drop: ["ALL"]}
  seccompProfile: {type: RuntimeDefault}
resources:
  requests: {cpu: 50m, memory: 64Mi}
  limits: {memory: 256Mi}
volumeMounts:
  - {name: costgate-config, mountPath: /etc/costgate/costgate.yaml, subPath: costgate.yaml, readOnly: true}
  - {name: costgate-ship-key, mountPath: /etc/costgate/secrets, readOnly: true}
  - {name: costgate-outbox, mountPath: /var/lib/costgate}
)yaml";

// The ship key is world-readable inside the pod (292 = 0444, written in decimal, which YAML 1.1
// and 1.2 read alike): without a pod fsGroup, a root-owned 0440 file is unreadable to the
// sidecar's user.
constexpr std::string_view kVolumesYaml = R"yaml(
- {name: costgate-config, configMap: {name: costgate-proxy-config}}
- {name: costgate-ship-key, secret: {secretName: costgate-ship-key, defaultMode: 292}}
- {name: costgate-outbox, emptyDir: {sizeLimit: 1Gi}}
)yaml";

constexpr std::pair<std::string_view, std::string_view> kBaseUrls[] = {
    {"GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:8787"},
    {"GOOGLE_VERTEX_BASE_URL", "http://127.0.0.1:8787"},
    {"OPENAI_BASE_URL", "http://127.0.0.1:8787/v1beta/openai/"},
    {"COSTGATE_URL", "http://127.0.0.1:8787"},
};

constexpr std::pair<std::string_view, std::string_view> kAnnotations[] = {
    {"prometheus.io/scrape", "true"},
    {"prometheus.io/port", "8787"},
    {"prometheus.io/path", "/metrics"},
};

// The sidecar's timeouts.drain_ms (15 s, docker/k8s/base/app/proxy-configmap.yaml), 5 s for the
// final ship and 20 s for the app's own shutdown, after the apps' preStop sleeps.
constexpr int kGraceBeyondPreStopS = 15 + 5 + 20;

// A string scalar that must stay a string ("8787", "true"): yaml-cpp keeps quoting as the "!"
// tag.
YAML::Node StringScalar(std::string_view value) {
  YAML::Node node(std::string{value});
  node.SetTag("!");
  return node;
}

// node[key] when node is a map holding key, else an empty node: a const lookup of a missing key
// gives an invalid node that throws on the next lookup.
YAML::Node Child(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) {
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const YAML::Node child = node[key];
  return child ? child : YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node FindNamed(const YAML::Node& list, std::string_view name) {
  for (const YAML::Node& item : list) {
    if (const YAML::Node item_name = Child(item, "name"); item_name && item_name.Scalar() == name) {
      return item;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

std::string SourceAppFieldPath(const YAML::Node& template_metadata) {
  const YAML::Node labels = Child(template_metadata, "labels");
  const bool has_name_label = static_cast<bool>(Child(labels, "app.kubernetes.io/name"));
  const bool has_app_label = static_cast<bool>(Child(labels, "app"));
  const std::string key = !has_name_label && has_app_label ? "app" : "app.kubernetes.io/name";
  return "metadata.labels['" + key + "']";
}

void AddSidecar(YAML::Node pod, const YAML::Node& template_metadata) {
  if (!pod["initContainers"].IsSequence()) {
    pod["initContainers"] = YAML::Node(YAML::NodeType::Sequence);
  }
  YAML::Node init = pod["initContainers"];
  if (FindNamed(init, kSidecarName)) {
    return;
  }
  YAML::Node sidecar = YAML::Load(std::string(kSidecarYaml));
  FindNamed(sidecar["env"], "COSTGATE_SOURCE_APP")["valueFrom"]["fieldRef"]["fieldPath"] =
      SourceAppFieldPath(template_metadata);
  for (YAML::Node env : sidecar["env"]) {
    if (env["value"]) {
      env["value"] = StringScalar(env["value"].Scalar());
    }
  }
  // First, so that any other init container that calls a provider already goes through it.
  YAML::Node reordered(YAML::NodeType::Sequence);
  reordered.push_back(sidecar);
  for (const YAML::Node& existing : init) {
    reordered.push_back(existing);
  }
  pod["initContainers"] = reordered;
}

void AddVolumes(YAML::Node pod) {
  if (!pod["volumes"].IsSequence()) {
    pod["volumes"] = YAML::Node(YAML::NodeType::Sequence);
  }
  YAML::Node volumes = pod["volumes"];
  for (const YAML::Node& volume : YAML::Load(std::string(kVolumesYaml))) {
    if (!FindNamed(volumes, volume["name"].Scalar())) {
      volumes.push_back(volume);
    }
  }
}

// Sets each base URL on every app container; a value the app had is replaced, so that its calls
// are metered (the point of the sidecar).
void PointAppsAtSidecar(YAML::Node containers) {
  for (YAML::Node container : containers) {
    if (!container["env"].IsSequence()) {
      container["env"] = YAML::Node(YAML::NodeType::Sequence);
    }
    YAML::Node env = container["env"];
    for (const auto& [name, value] : kBaseUrls) {
      if (YAML::Node found = FindNamed(env, name)) {
        found.remove("valueFrom");
        found["value"] = StringScalar(value);
      } else {
        YAML::Node entry;
        entry["name"] = std::string(name);
        entry["value"] = StringScalar(value);
        env.push_back(entry);
      }
    }
  }
}

// An app that already has scrape annotations (its own metrics) keeps them: a pod has one set.
void AddScrapeAnnotations(YAML::Node template_metadata) {
  if (Child(Child(template_metadata, "annotations"), "prometheus.io/scrape")) {
    return;
  }
  for (const auto& [key, value] : kAnnotations) {
    template_metadata["annotations"][std::string(key)] = StringScalar(value);
  }
}

void RaiseGracePeriod(YAML::Node pod) {
  int pre_stop_s = 0;
  for (const YAML::Node& container : pod["containers"]) {
    const YAML::Node sleep =
        Child(Child(Child(Child(container, "lifecycle"), "preStop"), "sleep"), "seconds");
    if (sleep && sleep.IsScalar()) {
      pre_stop_s = std::max(pre_stop_s, sleep.as<int>(0));
    }
  }
  const int needed = pre_stop_s + kGraceBeyondPreStopS;
  const YAML::Node current = pod["terminationGracePeriodSeconds"];
  if (!current || current.as<int>(30) < needed) {
    pod["terminationGracePeriodSeconds"] = needed;
  }
}

// yaml-cpp's emitter drops the quotes that kept "8787" a string; put them back from the tag.
void EmitNode(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        out << YAML::Key;
        EmitNode(out, entry.first);
        out << YAML::Value;
        EmitNode(out, entry.second);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const YAML::Node& item : node) {
        EmitNode(out, item);
      }
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Scalar:
      if (node.Scalar().find('\n') != std::string::npos) {
        out << YAML::Literal << node.Scalar();
      } else if (node.Tag() == "!") {
        out << YAML::DoubleQuoted << node.Scalar();
      } else {
        out << node.Scalar();
      }
      break;
    default:
      out << YAML::Null;
  }
}

std::string DescribeObject(const YAML::Node& doc) {
  if (!doc.IsMap()) {
    return "not a Kubernetes object";
  }
  const YAML::Node kind = Child(doc, "kind");
  const YAML::Node api = Child(doc, "apiVersion");
  return (kind ? kind.as<std::string>("?") : "no kind") + " (" +
         (api ? api.as<std::string>("?") : "no apiVersion") + ")";
}

}  // namespace

InjectResult InjectSidecar(std::string_view manifest) {
  std::vector<YAML::Node> docs;
  try {
    for (YAML::Node& doc : YAML::LoadAll(std::string(manifest))) {
      if (!doc.IsNull()) {
        docs.push_back(doc);
      }
    }
  } catch (const YAML::Exception& e) {
    return {"", std::string("not valid YAML: ") + e.what()};
  }
  if (docs.size() != 1) {
    return {"", "expected one Deployment (apps/v1), got " + std::to_string(docs.size()) +
                    " documents; inject them one at a time"};
  }
  YAML::Node doc = docs.front();
  if (DescribeObject(doc) != "Deployment (apps/v1)") {
    return {"", "expected a Deployment (apps/v1), got " + DescribeObject(doc)};
  }
  YAML::Node pod_template = Child(Child(doc, "spec"), "template");
  const YAML::Node containers = Child(Child(pod_template, "spec"), "containers");
  if (!containers.IsSequence() || containers.size() == 0) {
    return {"", "the Deployment has no spec.template.spec.containers"};
  }
  YAML::Node pod = pod_template["spec"];
  if (!pod_template["metadata"].IsMap()) {
    pod_template["metadata"] = YAML::Node(YAML::NodeType::Map);
  }
  YAML::Node metadata = pod_template["metadata"];
  AddSidecar(pod, metadata);
  AddVolumes(pod);
  PointAppsAtSidecar(pod["containers"]);
  AddScrapeAnnotations(metadata);
  RaiseGracePeriod(pod);

  YAML::Emitter out;
  EmitNode(out, doc);
  return {std::string(out.c_str()) + "\n", ""};
}

}  // namespace costgate::daemon::cli
