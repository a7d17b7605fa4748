// Offline checks of the Kubernetes manifests (CTest k8s_manifests; README "Kubernetes sidecar"):
//   node tests/k8s/check.mjs [--costgate BIN]
// 1. every overlay under docker/k8s/overlays, rendered by render.mjs (and compared with
//    `kubectl kustomize` or `kustomize build` where either is installed), is valid against the Kubernetes schemas (kubernetes-models, pinned in
//    package-lock.json here), has no unknown field in a pod spec, and every Deployment with the
//    costgate sidecar passes sidecar_checks.mjs;
// 2. with --costgate: `costgate k8s inject` on each tests/k8s/samples/*.yaml gives output that
//    passes the same checks and is a fixed point (inject twice = inject once); each
//    samples/refused/*.yaml is refused with exit 1 and a message on stderr.
// Exit 77 (skipped) when tests/k8s/node_modules is missing, unless COSTGATE_REQUIRE_K8S_TESTS
// is set (scripts/test.sh), then a failure.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const required = Boolean(process.env.COSTGATE_REQUIRE_K8S_TESTS);

function skip(reason) {
  console.log(`k8s_manifests: ${required ? "FAIL" : "skipped"}: ${reason}`);
  process.exit(required ? 1 : 77);
}

if (!existsSync(path.join(here, "node_modules/kubernetes-models"))) {
  skip("run `npm ci --prefix tests/k8s` first");
}
const { parseAllDocuments } = await import("yaml");
const { unknownFields } = await import("./strict_keys.mjs");
const { checkSidecar, kSidecarName } = await import("./sidecar_checks.mjs");
const { renderKustomization } = await import("./render.mjs");
const { isDeepStrictEqual } = await import("node:util");

function findRenderer() {
  for (const [cmd, args, probe] of [["kubectl", ["kustomize"], ["version", "--client"]], ["kustomize", ["build"], ["version"]]]) {
    if (spawnSync(cmd, probe, { stdio: "ignore" }).status === 0) {
      return (dir) => execFileSync(cmd, [...args, dir], { encoding: "utf8" });
    }
  }
  return null;
}

function documents(text, origin) {
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`${origin}: ${doc.errors[0].message}`);
    }
  }
  return docs.map((d) => d.toJS()).filter((d) => d !== null);
}

// apiVersion "apps/v1" -> kubernetes-models/apps/v1; "v1" -> kubernetes-models/v1.
async function validateSchema(object) {
  const module = await import(`kubernetes-models/${object.apiVersion}`).catch(() => null);
  const Model = module?.[object.kind];
  if (!Model) {
    return [`unknown kind ${object.apiVersion} ${object.kind}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const details = (error.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ");
    return [`${error.message}${details ? `: ${details}` : ""}`];
  }
}

// Every check of one set of objects; `extraConfigs` lends ConfigMaps and Secrets the set refers
// to but does not hold (inject's output names the base's costgate-proxy-config and ship key).
async function checkObjects(objects, origin, { expectCentral, extraConfigs = [] }) {
  const problems = [];
  const configs = new Map();
  const secrets = new Map();
  for (const object of [...extraConfigs, ...objects]) {
    if (object.kind === "ConfigMap") {
      configs.set(object.metadata.name, object.data ?? {});
    } else if (object.kind === "Secret") {
      secrets.set(object.metadata.name, Object.keys({ ...object.data, ...object.stringData }));
    }
  }
  let sidecars = 0;
  for (const object of objects) {
    const name = `${object.kind} ${object.metadata?.name}`;
    problems.push(...(await validateSchema(object)).map((p) => `${name}: ${p}`));
    const pod = object.spec?.template?.spec;
    if (object.kind === "Deployment" && pod) {
      problems.push(...unknownFields(pod, "PodSpec", `${name} .spec.template.spec`));
      if ((pod.initContainers ?? []).some((c) => c.name === kSidecarName)) {
        sidecars += 1;
        problems.push(...checkSidecar(object, configs, secrets));
      }
    }
  }
  if (sidecars === 0) {
    problems.push("no Deployment with the costgate sidecar");
  }
  if (expectCentral && !objects.some((o) => o.kind === "Deployment" && o.metadata.name === "costgate-central")) {
    problems.push("no costgate-central Deployment");
  }
  const summary = objects.map((o) => o.kind).join(", ");
  console.log(`${origin}: ${objects.length} objects (${summary}), ${sidecars} with the sidecar`);
  return problems.map((p) => `${origin}: ${p}`);
}

// Objects keyed "Kind name", for comparing two renderings whatever their order.
function byKey(objects) {
  return new Map(objects.map((o) => [`${o.kind} ${o.metadata.name}`, o]));
}

const kustomize = findRenderer();
if (!kustomize) {
  console.log("no kubectl or kustomize: overlays rendered by render.mjs alone");
}
const problems = [];
const overlaysDir = path.join(root, "docker/k8s/overlays");
for (const overlay of readdirSync(overlaysDir).sort()) {
  const dir = path.join(overlaysDir, overlay);
  const objects = renderKustomization(dir);
  if (kustomize) {
    const theirs = byKey(documents(kustomize(dir), `overlays/${overlay}`));
    const ours = byKey(objects);
    for (const key of new Set([...theirs.keys(), ...ours.keys()])) {
      if (!isDeepStrictEqual(theirs.get(key), ours.get(key))) {
        problems.push(`overlays/${overlay}: ${key}: render.mjs and kustomize disagree`);
      }
    }
  }
  problems.push(...(await checkObjects(objects, `overlays/${overlay}`, { expectCentral: true })));
}

const costgateAt = process.argv.indexOf("--costgate");
if (costgateAt > 0) {
  const costgate = process.argv[costgateAt + 1];
  const inject = (input) =>
    spawnSync(costgate, ["k8s", "inject"], { input, encoding: "utf8" });
  const baseConfig = ["proxy-configmap.yaml", "ship-key-secret.yaml"].flatMap((file) =>
    documents(readFileSync(path.join(root, "docker/k8s/base/app", file), "utf8"), file));
  const samples = path.join(here, "samples");
  for (const file of readdirSync(samples).filter((f) => f.endsWith(".yaml")).sort()) {
    const origin = `inject ${file}`;
    const once = inject(readFileSync(path.join(samples, file), "utf8"));
    if (once.status !== 0) {
      problems.push(`${origin}: exit ${once.status}: ${once.stderr}`);
      continue;
    }
    const objects = documents(once.stdout, origin);
    problems.push(...(await checkObjects(objects, origin, { extraConfigs: baseConfig })));
    const twice = inject(once.stdout);
    if (twice.status !== 0 || twice.stdout !== once.stdout) {
      problems.push(`${origin}: not idempotent: injecting the output again changed it`);
    }
  }
  const refused = path.join(samples, "refused");
  for (const file of readdirSync(refused).sort()) {
    const result = inject(readFileSync(path.join(refused, file), "utf8"));
    console.log(`inject refused/${file}: exit ${result.status}: ${result.stderr.trim()}`);
    if (result.status !== 1 || result.stdout !== "" || !result.stderr.includes("costgate k8s inject")) {
      problems.push(`inject refused/${file}: expected exit 1, no output and a message`);
    }
  }
}

for (const p of problems) {
  console.error(`FAIL ${p}`);
}
console.log(problems.length === 0 ? "k8s_manifests: all checks passed" : `${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
