// Validates every object of the given multi-document YAML files against its published schema: the Kubernetes
// API (kubernetes-models), KEDA's CRDs (@kubernetes-models/keda) and the Prometheus Operator's CRDs
// (@kubernetes-models/prometheus-operator). An object of a kind none of them knows is an error, not a pass.
// Prints one line per problem and "N passed, M failed"; exits 1 when anything failed.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";

const CORE = new Set(["v1"]);
const CUSTOM = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = CORE.has(apiVersion)
    ? `kubernetes-models/v1/${kind}`
    : CUSTOM[group]
      ? `${CUSTOM[group]}/${group}/${version}/${kind}`
      : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`${basename(file)}: YAML error: ${doc.errors[0].message}`);
      failed++;
      continue;
    }
    const object = doc.toJS();
    if (object === null) continue;
    if (object.kind === "Secret" && object.data) {
      // kubectl kustomize wraps long base64 values over several lines; the API server's decoder skips those
      // line breaks, the schema's "byte" format does not.
      for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s+/g, "");
    }
    const name = `${basename(file)}: ${object.kind}/${object.metadata?.name}`;
    const Model = await modelOf(String(object.apiVersion), String(object.kind));
    if (!Model) {
      console.log(`${name}: no schema known for apiVersion ${object.apiVersion}, kind ${object.kind}`);
      failed++;
      continue;
    }
    try {
      new Model(object).validate();
      passed++;
    } catch (error) {
      console.log(`${name}: ${error.message}`);
      failed++;
    }
  }
}
console.log(`schema: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
