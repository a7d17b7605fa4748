#include "daemon/cli/k8s_inject.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace costgate::daemon::cli {
namespace {

constexpr std::string_view kPlain = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: summarizer}
spec:
  selector: {matchLabels: {app: summarizer}}
  template:
    metadata: {labels: {app: summarizer}}
    spec:
      containers:
        - name: app
          image: summarizer:2
          env: [{name: OPENAI_BASE_URL, value: "https://api.openai.com/v1"}, {name: N, value: "4"}]
          lifecycle: {preStop: {sleep: {seconds: 10}}}
)";

YAML::Node Injected(std::string_view manifest) {
  const InjectResult result = InjectSidecar(manifest);
  EXPECT_EQ(result.error, "");
  return YAML::Load(result.manifest);
}

std::string EnvValue(const YAML::Node& container, std::string_view name) {
  for (const YAML::Node& env : container["env"]) {
    if (env["name"].Scalar() == name) {
      return env["value"] ? env["value"].Scalar() : "(valueFrom)";
    }
  }
  return "(absent)";
}

TEST(K8sInject, AddsTheNativeSidecarFirst) {
  const YAML::Node pod = Injected(kPlain)["spec"]["template"]["spec"];
  ASSERT_EQ(pod["initContainers"].size(), 1u);
  const YAML::Node sidecar = pod["initContainers"][0];
  EXPECT_EQ(sidecar["name"].Scalar(), "costgate-proxy");
  EXPECT_EQ(sidecar["restartPolicy"].Scalar(), "Always");
  EXPECT_EQ(sidecar["startupProbe"]["httpGet"]["path"].Scalar(), "/readyz");
  EXPECT_EQ(pod["volumes"].size(), 3u);
}

TEST(K8sInject, SourceAppComesFromTheLabelThePodHas) {
  const YAML::Node sidecar = Injected(kPlain)["spec"]["template"]["spec"]["initContainers"][0];
  for (const YAML::Node& env : sidecar["env"]) {
    if (env["name"].Scalar() == "COSTGATE_SOURCE_APP") {
      EXPECT_EQ(env["valueFrom"]["fieldRef"]["fieldPath"].Scalar(), "metadata.labels['app']");
    }
  }
}

TEST(K8sInject, PointsEveryBaseUrlAtTheSidecarKeepingOtherEnv) {
  const YAML::Node app = Injected(kPlain)["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(EnvValue(app, "OPENAI_BASE_URL"), "http://127.0.0.1:8787/v1beta/openai/");
  EXPECT_EQ(EnvValue(app, "GOOGLE_GEMINI_BASE_URL"), "http://127.0.0.1:8787");
  EXPECT_EQ(EnvValue(app, "N"), "4");
}

TEST(K8sInject, GraceCoversThePreStopAndTheDrain) {
  const YAML::Node doc = Injected(kPlain);
  EXPECT_EQ(doc["spec"]["template"]["spec"]["terminationGracePeriodSeconds"].as<int>(), 10 + 40);
  EXPECT_EQ(doc["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"].Scalar(),
            "8787");
}

TEST(K8sInject, KeepsStringsStrings) {
  const std::string out = InjectSidecar(kPlain).manifest;
  EXPECT_NE(out.find("prometheus.io/port: \"8787\""), std::string::npos) << out;
  EXPECT_NE(out.find("value: \"4\""), std::string::npos) << out;
}

TEST(K8sInject, TwiceChangesNothing) {
  const std::string once = InjectSidecar(kPlain).manifest;
  const InjectResult twice = InjectSidecar(once);
  EXPECT_EQ(twice.error, "");
  EXPECT_EQ(twice.manifest, once);
}

TEST(K8sInject, RefusesOtherKinds) {
  EXPECT_EQ(InjectSidecar("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n").error,
            "expected a Deployment (apps/v1), got Service (v1)");
  EXPECT_EQ(InjectSidecar("apiVersion: apps/v1\nkind: StatefulSet\n").error,
            "expected a Deployment (apps/v1), got StatefulSet (apps/v1)");
  EXPECT_EQ(InjectSidecar("- a\n- b\n").error,
            "expected a Deployment (apps/v1), got not a Kubernetes object");
}

TEST(K8sInject, RefusesSeveralOrNoDocuments) {
  const std::string one(kPlain);
  EXPECT_EQ(InjectSidecar(one + "---\n" + one).error,
            "expected one Deployment (apps/v1), got 2 documents; inject them one at a time");
  EXPECT_EQ(InjectSidecar("").error,
            "expected one Deployment (apps/v1), got 0 documents; inject them one at a time");
}

TEST(K8sInject, RefusesADeploymentWithoutContainersOrBadYaml) {
  EXPECT_EQ(InjectSidecar("apiVersion: apps/v1\nkind: Deployment\nspec: {template: {}}\n").error,
            "the Deployment has no spec.template.spec.containers");
  EXPECT_EQ(InjectSidecar("kind: [unclosed\n").error.rfind("not valid YAML: ", 0), 0u);
}

}  // namespace
}  // namespace costgate::daemon::cli
