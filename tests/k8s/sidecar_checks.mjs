// What the costgate sidecar relies on in a Deployment, beyond what the schema can say: each rule
// is one behaviour of README "Kubernetes sidecar". Returns a list of problems ("" none).
import path from "node:path";
import { parse } from "yaml";

export const kSidecarName = "costgate-proxy";
const kPort = 8787;
const kBaseUrls = {
  GOOGLE_GEMINI_BASE_URL: "http://127.0.0.1:8787",
  GOOGLE_VERTEX_BASE_URL: "http://127.0.0.1:8787",
  OPENAI_BASE_URL: "http://127.0.0.1:8787/v1beta/openai/",
};
const kFieldRefs = {
  K8S_NAMESPACE: "metadata.namespace",
  K8S_POD_NAME: "metadata.name",
  K8S_NODE_NAME: "spec.nodeName",
};
// The app's name label: app.kubernetes.io/name in the base; inject takes `app` when only that is
// on the pod.
const kSourceAppField = /^metadata\.labels\['(app\.kubernetes\.io\/name|app)'\]$/;
// Values built from the variables above: Kubernetes expands $(NAME) only for names defined
// earlier in the same list, so the order matters too.
const kDerived = {
  COSTGATE_POD: "$(K8S_NAMESPACE)/$(K8S_POD_NAME)",
  COSTGATE_HOST: "$(K8S_NODE_NAME)",
};

function bytesOf(quantity) {
  const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(String(quantity));
  if (!m) {
    return NaN;
  }
  const scale = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }[m[2]] ?? 1;
  return Number(m[1]) * scale;
}

function probeIs(probe, path) {
  const get = probe?.httpGet;
  return get?.path === path && (get.port === "costgate" || get.port === kPort);
}

// proxyConfigs: ConfigMap name -> its data (to read costgate.yaml: drain_ms, outbox size);
// secrets: Secret name -> its keys (the ship key file must be one of them).
export function checkSidecar(deployment, proxyConfigs, secrets) {
  const problems = [];
  const where = `Deployment ${deployment.metadata?.name}`;
  const fail = (what) => problems.push(`${where}: ${what}`);
  const pod = deployment.spec?.template?.spec ?? {};
  const sidecar = (pod.initContainers ?? []).find((c) => c.name === kSidecarName);
  if (!sidecar) {
    fail(`no init container '${kSidecarName}'`);
    return problems;
  }
  if (sidecar.restartPolicy !== "Always") {
    fail("the sidecar needs restartPolicy: Always (a native sidecar, not a blocking init step)");
  }
  if (!(sidecar.ports ?? []).some((p) => p.containerPort === kPort && p.name === "costgate")) {
    fail(`the sidecar must declare containerPort ${kPort} named 'costgate'`);
  }
  if (!probeIs(sidecar.startupProbe, "/readyz")) {
    fail("startupProbe must GET /readyz on the sidecar's port (the app waits for it)");
  }
  if (!probeIs(sidecar.livenessProbe, "/healthz")) {
    fail("livenessProbe must GET /healthz");
  }
  if (!probeIs(sidecar.readinessProbe, "/readyz")) {
    fail("readinessProbe must GET /readyz");
  }

  const sc = sidecar.securityContext ?? {};
  const psc = pod.securityContext ?? {};
  if (sc.allowPrivilegeEscalation !== false) {
    fail("securityContext.allowPrivilegeEscalation must be false");
  }
  if (sc.readOnlyRootFilesystem !== true) {
    fail("securityContext.readOnlyRootFilesystem must be true");
  }
  if (!(sc.capabilities?.drop ?? []).includes("ALL")) {
    fail("securityContext.capabilities.drop must include ALL");
  }
  if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) {
    fail("runAsNonRoot must be true (container or pod)");
  }
  if ((sc.seccompProfile ?? psc.seccompProfile)?.type !== "RuntimeDefault") {
    fail("seccompProfile must be RuntimeDefault (container or pod)");
  }
  const res = sidecar.resources ?? {};
  if (!res.requests?.cpu || !res.requests?.memory || !res.limits?.memory) {
    fail("resources need requests.cpu, requests.memory and limits.memory");
  }

  const env = sidecar.env ?? [];
  const index = (name) => env.findIndex((e) => e.name === name);
  for (const [name, fieldPath] of Object.entries(kFieldRefs)) {
    const e = env[index(name)];
    if (e?.valueFrom?.fieldRef?.fieldPath !== fieldPath) {
      fail(`sidecar env ${name} must come from the downward API field ${fieldPath}`);
    }
  }
  if (!kSourceAppField.test(env[index("COSTGATE_SOURCE_APP")]?.valueFrom?.fieldRef?.fieldPath)) {
    fail("sidecar env COSTGATE_SOURCE_APP must come from the pod's name label (downward API)");
  }
  for (const [name, value] of Object.entries(kDerived)) {
    const at = index(name);
    if (env[at]?.value !== value) {
      fail(`sidecar env ${name} must be '${value}'`);
    }
    for (const ref of value.matchAll(/\$\(([A-Z0-9_]+)\)/g)) {
      const refAt = index(ref[1]);
      if (refAt < 0 || refAt > at) {
        fail(`sidecar env ${ref[1]} must come before ${name}, which refers to it`);
      }
    }
  }

  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const mount of sidecar.volumeMounts ?? []) {
    if (!volumes.has(mount.name)) {
      fail(`volumeMount '${mount.name}' names no volume of the pod`);
    }
  }
  const mountAt = (dir) => (sidecar.volumeMounts ?? []).find((m) => m.mountPath === dir);
  const outboxMount = mountAt("/var/lib/costgate");
  const configMount = mountAt("/etc/costgate/costgate.yaml");
  if (!outboxMount || outboxMount.readOnly) {
    fail("the outbox /var/lib/costgate must be a writable volume mount");
  }
  const configVolume = volumes.get(configMount?.name);
  const configData = proxyConfigs.get(configVolume?.configMap?.name);
  if (!configMount || !configData?.["costgate.yaml"]) {
    fail("/etc/costgate/costgate.yaml must come from a ConfigMap holding costgate.yaml");
    return problems;
  }
  const config = parse(configData["costgate.yaml"]) ?? {};
  if (!String(config.receipts?.path ?? "").startsWith("/var/lib/costgate/")) {
    fail("the config's receipts.path must be on the outbox volume (/var/lib/costgate/)");
  }
  const keyFile = String(config.shipper?.api_key_file ?? "");
  const keyMount = (sidecar.volumeMounts ?? []).find((m) => path.dirname(keyFile) === m.mountPath);
  const keySecret = volumes.get(keyMount?.name)?.secret?.secretName;
  if (!keySecret || !(secrets.get(keySecret) ?? []).includes(path.basename(keyFile))) {
    fail(`shipper.api_key_file '${keyFile}' must be a key of a Secret mounted at its directory`);
  }
  const outbox = volumes.get(outboxMount?.name);
  if (outbox?.emptyDir?.sizeLimit !== undefined) {
    const cap = config.receipts?.max_db_bytes ?? 2 ** 30;
    if (!(cap > 0 && cap < bytesOf(outbox.emptyDir.sizeLimit))) {
      fail("receipts.max_db_bytes must stay under the outbox emptyDir's sizeLimit (or: eviction)");
    }
  }

  // Grace: the apps' preStop sleeps, then the sidecar's drain, with 5 s for the final ship.
  const drainS = Math.ceil((config.timeouts?.drain_ms ?? 30000) / 1000);
  const preStopS = Math.max(0, ...pod.containers.map((c) => c.lifecycle?.preStop?.sleep?.seconds ?? 0));
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (grace < preStopS + drainS + 5) {
    fail(`terminationGracePeriodSeconds ${grace} < preStop ${preStopS} + drain ${drainS} + 5`);
  }

  for (const app of pod.containers ?? []) {
    for (const [name, value] of Object.entries(kBaseUrls)) {
      if (!(app.env ?? []).some((e) => e.name === name && e.value === value)) {
        fail(`container '${app.name}' needs env ${name}=${value}`);
      }
    }
  }
  const annotations = deployment.spec?.template?.metadata?.annotations ?? {};
  if (annotations["prometheus.io/scrape"] !== "true" ||
      annotations["prometheus.io/port"] !== String(kPort) ||
      annotations["prometheus.io/path"] !== "/metrics") {
    fail("the pod template needs the prometheus.io/scrape, port (8787) and path annotations");
  }
  return problems;
}
