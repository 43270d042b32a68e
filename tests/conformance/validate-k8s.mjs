// Independent check of svcc's Kubernetes manifests.
// Usage: node validate-k8s.mjs PATH...   (files, or directories searched for *.yaml)
// Every object is validated against the official OpenAPI schema as compiled by the
// npm package kubernetes-models, unknown fields are rejected, what the API server's pod
// and ingress validation and the kubelet refuse is refused (volumes, mounts, users,
// probes, ingress hosts and paths, two ingresses on one route), and every pod template
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

// What the API server's pod validation (k8s.io/kubernetes pkg/apis/core/validation:
// ValidatePodSpec, ValidateVolumes, ValidateVolumeMounts, ValidatePersistentVolumeClaimSpec)
// and the kubelet refuse, beyond the schema. A StatefulSet's template is not validated as a
// pod when it is created: its pods are, after the controller has put one volume per claim
// template into them, replacing any pod volume of the same name (updateStorage). So the
// claims are checked here as the pods will see them.
const isAbsolutePath = (p) => typeof p === "string" && p.startsWith("/");
const PROBES = ["readinessProbe", "livenessProbe", "startupProbe"];

function checkVolumes(obj, podSpec, say) {
  const podVolumes = new Set();
  for (const v of podSpec.volumes ?? []) {
    if (!DNS_LABEL.test(v.name ?? "")) say(`volume name ${JSON.stringify(v.name)} is not a DNS label`);
    if (podVolumes.has(v.name)) say(`volume name ${JSON.stringify(v.name)} is not unique in the pod`);
    podVolumes.add(v.name);
  }
  const claims = new Set();
  for (const claim of obj.kind === "StatefulSet" ? obj.spec?.volumeClaimTemplates ?? [] : []) {
    const name = claim.metadata?.name;
    if (claims.has(name)) say(`claim template ${JSON.stringify(name)} is not unique`);
    claims.add(name);
    if (podVolumes.has(name)) {
      say(`claim template ${JSON.stringify(name)} is named like a pod volume (the controller replaces that volume with the claim)`);
    }
    const storage = claim.spec?.resources?.requests?.storage;
    if (storage === undefined) say(`claim template ${JSON.stringify(name)}: requests.storage is required`);
    else if (!/[1-9]/.test(String(storage).replace(/[a-zA-Z]+$/, ""))) {
      say(`claim template ${JSON.stringify(name)}: requests.storage ${JSON.stringify(storage)} must be greater than zero`);
    }
  }
  const volumes = new Set([...podVolumes, ...claims]);
  const containers = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];
  for (const c of containers) {
    const mountPaths = new Set();
    for (const m of c.volumeMounts ?? []) {
      const at = `container ${c.name}: volumeMount ${JSON.stringify(m.name)}`;
      if (!volumes.has(m.name)) say(`${at} names no volume of the pod`);
      if (!isAbsolutePath(m.mountPath)) say(`${at}: mountPath ${JSON.stringify(m.mountPath)} must be an absolute path`);
      if (mountPaths.has(m.mountPath)) say(`${at}: mountPath ${JSON.stringify(m.mountPath)} must be unique in the container`);
      mountPaths.add(m.mountPath);
    }
  }
}

// The kubelet refuses runAsNonRoot with uid 0, and with no numeric uid at all it can only
// start images whose USER is a non-zero number: a root or named USER (most images) fails
// with CreateContainerConfigError. So runAsNonRoot must come with a numeric runAsUser.
function checkUsers(podSpec, say) {
  const podSc = podSpec.securityContext ?? {};
  for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
    const sc = c.securityContext ?? {};
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    const user = sc.runAsUser ?? podSc.runAsUser;
    if (nonRoot !== true) continue;
    if (user === 0) say(`container ${c.name}: runAsNonRoot: true with runAsUser: 0 (the kubelet refuses to start it)`);
    else if (user === undefined) say(`container ${c.name}: runAsNonRoot: true without a numeric runAsUser (an image whose USER is root or a name cannot start)`);
  }
}

// A probe's port must be a TCP port of the container: HTTP, TCP and gRPC probes all
// connect over TCP, and a named port the container does not declare cannot be resolved.
function checkProbes(podSpec, say) {
  for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
    const ports = c.ports ?? [];
    for (const probe of PROBES) {
      const p = c[probe];
      if (!p) continue;
      for (const handler of ["httpGet", "tcpSocket", "grpc"]) {
        const port = p[handler]?.port;
        if (port === undefined) continue;
        const at = `container ${c.name}: ${probe}.${handler}.port ${JSON.stringify(port)}`;
        const matching = typeof port === "string" ? ports.filter((q) => q.name === port) : ports.filter((q) => q.containerPort === port);
        if (typeof port === "string" && matching.length === 0) say(`${at} names no port of the container`);
        else if (matching.length > 0 && !matching.some((q) => (q.protocol ?? "TCP") === "TCP")) {
          say(`${at} is a ${matching[0].protocol} port, but the probe connects over TCP`);
        }
      }
    }
  }
}

// networking validation (pkg/apis/networking/validation: validateIngressRules,
// validateHTTPIngressPath).
const WILDCARD_HOST = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];

export function checkIngressHost(host) {
  if (host.includes(":") || IPV4.test(host)) return "must be a DNS name, not an IP address";
  if (host.length > 253) return "must be at most 253 characters";
  if (host.includes("*")) return WILDCARD_HOST.test(host) ? null : "a wildcard host is `*.` and a lower-case DNS subdomain";
  return isSubdomain(host) ? null : "must be a lower-case RFC 1123 subdomain";
}

export function checkIngressPath(path, pathType) {
  if (pathType === "ImplementationSpecific") return path === undefined || path === "" || path.startsWith("/") ? null : "must be an absolute path";
  if (typeof path !== "string" || !path.startsWith("/")) return "must be an absolute path";
  for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) return `must not contain '${seq}'`;
  for (const suffix of INVALID_PATH_SUFFIXES) if (path.endsWith(suffix)) return `cannot end with '${suffix}'`;
  return null;
}

function checkIngress(obj, say) {
  for (const rule of obj.spec?.rules ?? []) {
    if (rule.host !== undefined) {
      const why = checkIngressHost(rule.host);
      if (why) say(`ingress host ${JSON.stringify(rule.host)} ${why}`);
    }
    for (const p of rule.http?.paths ?? []) {
      const why = checkIngressPath(p.path, p.pathType);
      if (why) say(`ingress path ${JSON.stringify(p.path)} ${why}`);
    }
  }
}

// Two Ingresses claiming one host and path: the controller serves one of them (or its
// admission webhook refuses the second), so the other service is silently unreachable.
// One object seen twice (a file and the same object in a stream) is one Ingress.
export function checkIngressConflicts(ingresses) {
  const problems = [];
  const seen = new Map();
  for (const { label, obj } of ingresses) {
    const id = `${obj.metadata?.namespace ?? ""}/${obj.metadata?.name}`;
    for (const rule of obj.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const key = `${rule.host ?? "*"} ${p.path}`;
        const first = seen.get(key);
        if (!first) seen.set(key, { id, where: `${label} (Ingress/${obj.metadata?.name})` });
        else if (first.id !== id) {
          problems.push(`${label} (Ingress/${obj.metadata?.name}): host ${JSON.stringify(rule.host ?? "")} and path ${JSON.stringify(p.path)} are already routed by ${first.where}`);
        }
      }
    }
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
  const say = (m) => problems.push(`${where}: ${m}`);
  if (podSpec) {
    checkVolumes(obj, podSpec, say);
    checkUsers(podSpec, say);
    checkProbes(podSpec, say);
    problems.push(...checkRestricted(podSpec, `${where}: restricted`));
  }
  if (obj.kind === "Ingress") checkIngress(obj, say);
  return problems;
}

export async function validateFile(file) {
  const problems = [];
  const ingresses = [];
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
    if (obj.kind === "Ingress") ingresses.push({ label, obj });
  }
  if (objects === 0) problems.push(`${file}: no objects`);
  return { problems, objects, ingresses };
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
  const ingresses = [];
  for (const f of files) {
    const r = await validateFile(f);
    objects += r.objects;
    problems.push(...r.problems);
    ingresses.push(...r.ingresses);
  }
  problems.push(...checkIngressConflicts(ingresses));
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(`${files.length} files, ${objects} objects, ${problems.length} problems`);
  return problems.length === 0 && files.length > 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
