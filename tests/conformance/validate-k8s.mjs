// Independent check of svcc's Kubernetes manifests.
// Usage: node validate-k8s.mjs PATH...   (files, or directories searched for *.yaml)
// Every object is validated against the official OpenAPI schema as compiled by the
// npm package kubernetes-models, unknown fields are rejected, and every pod template
// is checked against the Pod Security Standards "restricted" profile. Exits 1 with a
// report when anything fails.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseAllDocuments } from "yaml";

// `apps/v1` + `Deployment` → `IoK8sApiAppsV1Deployment`, the package's schema module.
function schemaModuleName(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const groupWord = group.split(".")[0];
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  return `IoK8sApi${cap(groupWord)}${cap(version)}${kind}`;
}

const validators = new Map();
async function validatorFor(apiVersion, kind) {
  const name = schemaModuleName(apiVersion, kind);
  if (!validators.has(name)) {
    try {
      const mod = await import(`kubernetes-models/_schemas/${name}`);
      validators.set(name, mod.validate);
    } catch {
      validators.set(name, null);
    }
  }
  return validators.get(name);
}

// kubernetes-models' schemas allow unknown properties, but its compiled validators
// read every property the schema declares (and every key of a map-typed field). So
// each object is wrapped in a Proxy that records the keys read; a key the validator
// never looked at is not in the schema.
function instrument(value, path, reads) {
  if (value === null || typeof value !== "object") return value;
  const seen = new Set();
  reads.push({ value, path, seen });
  const children = Array.isArray(value) ? [] : {};
  for (const [k, v] of Object.entries(value)) {
    children[k] = instrument(v, `${path}/${k}`, reads);
  }
  const target = Array.isArray(value) ? value.map((_, i) => children[i]) : children;
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === "string") seen.add(key);
      return Reflect.get(t, key, receiver);
    },
  });
}

function unknownFields(reads) {
  const unknown = [];
  for (const { value, path, seen } of reads) {
    if (Array.isArray(value)) continue;
    for (const key of Object.keys(value)) if (!seen.has(key)) unknown.push(`${path}/${key}`);
  }
  return unknown;
}

const ALLOWED_VOLUME_TYPES = new Set([
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
]);

// Pod Security Standards, "restricted" profile (which includes "baseline").
function checkRestricted(podSpec, where) {
  const problems = [];
  const say = (msg) => problems.push(`${where}: ${msg}`);
  const podSc = podSpec.securityContext ?? {};
  for (const field of ["hostNetwork", "hostPID", "hostIPC"]) if (podSpec[field]) say(`${field} must not be true`);
  for (const v of podSpec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (!ALLOWED_VOLUME_TYPES.has(type)) say(`volume ${v.name} of type ${type} is not allowed`);
  }
  if (podSc.runAsUser === 0) say("securityContext.runAsUser must not be 0");
  const containers = [
    ...(podSpec.initContainers ?? []), ...(podSpec.containers ?? []), ...(podSpec.ephemeralContainers ?? []),
  ];
  if ((podSpec.containers ?? []).length === 0) say("no containers");
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const at = `container ${c.name}`;
    if (sc.privileged) say(`${at}: privileged must not be true`);
    if (sc.allowPrivilegeEscalation !== false) say(`${at}: allowPrivilegeEscalation must be false`);
    const drop = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) say(`${at}: capabilities.drop must include ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== "NET_BIND_SERVICE") say(`${at}: capability ${cap} must not be added`);
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    if (nonRoot !== true) say(`${at}: runAsNonRoot must be true (pod or container)`);
    if (sc.runAsUser === 0) say(`${at}: runAsUser must not be 0`);
    const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") say(`${at}: seccompProfile.type must be RuntimeDefault or Localhost`);
    for (const p of c.ports ?? []) if (p.hostPort) say(`${at}: hostPort must not be set`);
  }
  return problems;
}

// What the API server checks beyond the schema: names and labels.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const isSubdomain = (s) => s.length <= 253 && s.split(".").every((part) => DNS_LABEL.test(part));
const isLabelKey = (k) => {
  const slash = k.indexOf("/");
  return slash < 0 ? LABEL_NAME.test(k) : isSubdomain(k.slice(0, slash)) && LABEL_NAME.test(k.slice(slash + 1));
};
const isLabelValue = (v) => typeof v === "string" && (v === "" || LABEL_NAME.test(v));
const isPortName = (n) => n.length <= 15 && DNS_LABEL.test(n) && !n.includes("--") && /[a-z]/.test(n);

function checkLabels(labels, where, say) {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!isLabelKey(k)) say(`${where}: label key ${JSON.stringify(k)} is not valid`);
    if (!isLabelValue(v)) say(`${where}: label value ${JSON.stringify(v)} of ${k} is not valid`);
  }
}

function checkNames(obj, where) {
  const problems = [];
  const say = (m) => problems.push(`${where}: ${m}`);
  const name = obj.metadata?.name ?? "";
  const nameOk = obj.kind === "Service" ? DNS_1035_LABEL.test(name)
    : obj.kind === "Namespace" ? DNS_LABEL.test(name) : isSubdomain(name);
  if (!nameOk) say(`metadata.name ${JSON.stringify(name)} is not a valid ${obj.kind} name`);
  if (obj.metadata?.namespace !== undefined && !DNS_LABEL.test(obj.metadata.namespace)) say("metadata.namespace is not a DNS label");
  checkLabels(obj.metadata?.labels, "metadata.labels", say);
  const template = obj.spec?.template;
  if (template) checkLabels(template.metadata?.labels, "template labels", say);
  for (const sel of [obj.spec?.selector?.matchLabels, obj.spec?.podSelector?.matchLabels]) checkLabels(sel, "selector", say);
  const podSpec = podSpecOf(obj);
  for (const c of podSpec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name !== undefined && !isPortName(p.name)) say(`container port name ${JSON.stringify(p.name)} is not valid`);
  }
  if (obj.kind === "Service") {
    for (const p of obj.spec?.ports ?? []) if (p.name !== undefined && !isPortName(p.name)) say(`service port name ${JSON.stringify(p.name)} is not valid`);
  }
  return problems;
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

function podSpecOf(obj) {
  if (obj.kind === "Pod") return obj.spec;
  if (WORKLOAD_KINDS.has(obj.kind)) return obj.spec?.template?.spec;
  if (obj.kind === "CronJob") return obj.spec?.jobTemplate?.spec?.template?.spec;
  return undefined;
}

function checkKustomization(obj, file) {
  const problems = [];
  if (obj.apiVersion !== "kustomize.config.k8s.io/v1beta1") problems.push(`unexpected apiVersion ${obj.apiVersion}`);
  const resources = obj.resources ?? [];
  const sorted = [...resources].sort();
  if (resources.join("\n") !== sorted.join("\n")) problems.push("resources are not sorted");
  for (const r of resources) if (!existsSync(join(dirname(file), r))) problems.push(`resource ${r} does not exist`);
  return problems;
}

export async function validateObject(obj, label) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return [`${label}: not a mapping`];
  if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") return [`${label}: missing apiVersion or kind`];
  const where = `${label} (${obj.kind}/${obj.metadata?.name ?? "?"})`;
  const validate = await validatorFor(obj.apiVersion, obj.kind);
  if (!validate) return [`${where}: no schema for ${obj.apiVersion} ${obj.kind}`];
  const problems = [];
  const reads = [];
  const wrapped = instrument(obj, "", reads);
  if (!validate(wrapped)) {
    for (const e of validate.errors ?? []) problems.push(`${where}: ${e.instancePath || "/"}: ${e.keyword} ${JSON.stringify(e.params)}`);
  }
  for (const path of unknownFields(reads)) problems.push(`${where}: ${path}: unknown field`);
  problems.push(...checkNames(obj, where));
  const podSpec = podSpecOf(obj);
  if (podSpec) problems.push(...checkRestricted(podSpec, `${where}: restricted`));
  return problems;
}

export async function validateFile(file) {
  const problems = [];
  let objects = 0;
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [i, doc] of docs.entries()) {
    const label = `${file}#${i + 1}`;
    if (doc.errors.length) {
      problems.push(...doc.errors.map((e) => `${label}: YAML: ${e.message}`));
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) continue;
    objects++;
    if (obj.kind === "Kustomization") problems.push(...checkKustomization(obj, file).map((p) => `${label}: ${p}`));
    else problems.push(...(await validateObject(obj, label)));
  }
  if (objects === 0) problems.push(`${file}: no objects`);
  return { problems, objects };
}

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
  } else if (/\.ya?ml$/.test(path)) {
    out.push(path);
  }
}

async function main(args) {
  if (args.length === 0) {
    console.error("usage: node validate-k8s.mjs PATH...");
    return 2;
  }
  const files = [];
  for (const a of args) collect(resolve(a), files);
  let objects = 0;
  const problems = [];
  for (const f of files) {
    const r = await validateFile(f);
    objects += r.objects;
    problems.push(...r.problems);
  }
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(`${files.length} files, ${objects} objects, ${problems.length} problems`);
  return problems.length === 0 && files.length > 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
