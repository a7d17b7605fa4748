// A small kustomize renderer for the features docker/k8s uses, so the manifests are checked on a
// machine without kubectl or kustomize: resources (files and directories), namespace, labels
// (with includeSelectors), images, and patches as strategic merges (maps merge, lists of named
// objects merge by name, null deletes). check.mjs compares it with `kubectl kustomize` wherever
// that is installed, so the two cannot drift apart unnoticed. Anything else in a kustomization
// is refused rather than ignored.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse } from "yaml";

const kSupported = new Set(["apiVersion", "kind", "namespace", "resources", "labels", "images", "patches"]);
const kClusterScoped = new Set(["Namespace", "PersistentVolume", "ClusterRole", "ClusterRoleBinding"]);

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Strategic merge of `patch` into `target` for the shapes docker/k8s patches.
export function strategicMerge(target, patch) {
  if (!isObject(patch)) {
    return structuredClone(patch);
  }
  // A map the target lacks is merged into an empty one, so the patch's nulls delete nothing.
  const out = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else if (Array.isArray(value) && Array.isArray(out[key]) &&
               value.every((v) => isObject(v) && "name" in v)) {
      // As kustomize orders them: the patch's items (merged with their namesakes) first.
      const named = new Set(value.map((v) => v.name));
      out[key] = [
        ...value.map((item) => strategicMerge(out[key].find((m) => m?.name === item.name), item)),
        ...out[key].filter((m) => !named.has(m?.name)),
      ];
    } else {
      out[key] = strategicMerge(out[key], value);
    }
  }
  return out;
}

function readObjects(file) {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);
}

function addLabels(object, pairs, includeSelectors) {
  object.metadata.labels = { ...(object.metadata.labels ?? {}), ...pairs };
  if (!includeSelectors) {
    return;
  }
  if (object.kind === "Service") {
    object.spec.selector = { ...(object.spec.selector ?? {}), ...pairs };
  } else if (object.spec?.template) {
    object.spec.selector ??= {};
    object.spec.selector.matchLabels = { ...(object.spec.selector.matchLabels ?? {}), ...pairs };
    object.spec.template.metadata ??= {};
    object.spec.template.metadata.labels = { ...(object.spec.template.metadata.labels ?? {}), ...pairs };
  }
}

function setImages(object, images) {
  const pod = object.spec?.template?.spec;
  for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
    const [name, tag] = container.image.split(/:(?=[^:/]+$)/);
    const rule = images.find((i) => i.name === name);
    if (rule) {
      container.image = `${rule.newName ?? name}:${rule.newTag ?? tag}`;
    }
  }
}

// The objects `dir`'s kustomization.yaml describes, in no particular order.
export function renderKustomization(dir) {
  const k = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
  const unknown = Object.keys(k).filter((key) => !kSupported.has(key));
  if (unknown.length > 0) {
    throw new Error(`${dir}: render.mjs does not support ${unknown.join(", ")}`);
  }
  let objects = [];
  for (const resource of k.resources ?? []) {
    const at = path.join(dir, resource);
    objects.push(...(statSync(at).isDirectory() ? renderKustomization(at) : readObjects(at)));
  }
  for (const { path: patchFile } of k.patches ?? []) {
    for (const patch of readObjects(path.join(dir, patchFile))) {
      const at = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (at < 0) {
        throw new Error(`${dir}: patch ${patchFile} matches no ${patch.kind} ${patch.metadata.name}`);
      }
      objects[at] = strategicMerge(objects[at], patch);
    }
  }
  for (const { pairs, includeSelectors } of k.labels ?? []) {
    objects.forEach((o) => addLabels(o, pairs, includeSelectors));
  }
  if (k.images) {
    objects.forEach((o) => setImages(o, k.images));
  }
  if (k.namespace) {
    objects = objects.map((o) =>
      kClusterScoped.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } });
  }
  return objects;
}
