// Unknown field names in a pod spec, which kubernetes-models' schema validation lets through (a
// misspelt `restartPolicy` on the sidecar would silently make it an ordinary init container that
// blocks the app forever). The allowed names come from the same package's type declarations
// (v1/<Type>.d.ts: one `"name"?: Type;` line per field), so they follow the pinned schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The package's exports map resolves only for import (ESM), so find the file by URL.
const v1Dir = path.dirname(fileURLToPath(import.meta.resolve("kubernetes-models/v1")));
const fieldsByType = new Map();

// Field name -> type expression of the core/v1 type `name` ("Container", "Probe", ...).
function fieldsOf(name) {
  if (!fieldsByType.has(name)) {
    const text = readFileSync(path.join(v1Dir, `${name}.d.ts`), "utf8");
    const fields = new Map();
    for (const m of text.matchAll(/^\s+"([A-Za-z0-9$]+)"\??: (.+?);?$/gm)) {
      fields.set(m[1], m[2]);
    }
    fieldsByType.set(name, fields);
  }
  return fieldsByType.get(name);
}

// "IIoK8sApiCoreV1Probe" or "Array<IIoK8sApiCoreV1EnvVar>" -> {type: "Probe", array}; other types
// (scalars, maps, apimachinery's) are not walked.
function coreType(expr) {
  const m = /^(Array<)?IIoK8sApiCoreV1([A-Za-z0-9]+)>?$/.exec(expr.trim());
  return m ? { type: m[2], array: Boolean(m[1]) } : null;
}

// Appends "where: unknown field 'x'" for every key of `value` (a `type`) and of the core/v1
// objects under it that the schema does not name.
export function unknownFields(value, type, where, problems = []) {
  if (value === null || typeof value !== "object") {
    return problems;
  }
  const fields = fieldsOf(type);
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) {
      problems.push(`${where}: unknown field '${key}' (not in ${type})`);
      continue;
    }
    const inner = coreType(fields.get(key));
    if (!inner) {
      continue;
    }
    if (inner.array && Array.isArray(child)) {
      child.forEach((item, i) => unknownFields(item, inner.type, `${where}.${key}[${i}]`, problems));
    } else if (!inner.array) {
      unknownFields(child, inner.type, `${where}.${key}`, problems);
    }
  }
  return problems;
}
