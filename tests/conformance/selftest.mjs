// A test for the test: validate-k8s.mjs must accept a good Deployment and reject each
// deliberately broken variant of it with the expected reason.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkIngressConflicts, validateFile, validateObject } from "./validate-k8s.mjs";

function goodDeployment() {
  const labels = { "app.kubernetes.io/name": "web", app: "web" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
          containers: [{
            name: "web",
            image: "example/web:1.0",
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
          }],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  };
}

function goodStatefulSet() {
  const d = goodDeployment();
  d.kind = "StatefulSet";
  d.spec.serviceName = "web";
  d.spec.template.spec.securityContext.fsGroup = 10001;
  d.spec.template.spec.containers[0].volumeMounts.push({ name: "data", mountPath: "/data" });
  d.spec.volumeClaimTemplates = [{
    metadata: { name: "data" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  }];
  return d;
}

function goodIngress(name = "web", host = "shop.example.com", path = "/") {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, labels: { app: name } },
    spec: {
      rules: [{
        host,
        http: { paths: [{ path, pathType: "Prefix", backend: { service: { name, port: { name: "http" } } } }] },
      }],
    },
  };
}

const pod = (d) => d.spec.template.spec;
const container = (d) => pod(d).containers[0];

const cases = [
  ["unknown top-level field", (d) => { d.status2 = {}; }, "/status2: unknown field"],
  ["misspelt metadata field", (d) => { d.metadata.lables = {}; }, "/metadata/lables: unknown field"],
  ["unknown container field", (d) => { container(d).imagePullPolcy = "Always"; }, "/imagePullPolcy: unknown field"],
  ["unknown field in a probe", (d) => { container(d).readinessProbe = { httpGet: { path: "/", port: "http", verb: "GET" } }; }, "/httpGet/verb: unknown field"],
  ["wrong type", (d) => { d.spec.replicas = "two"; }, "/spec/replicas: type"],
  ["missing required field", (d) => { delete d.spec.selector; }, "required"],
  ["missing container image name", (d) => { delete container(d).name; }, "required"],
  ["privilege escalation allowed", (d) => { container(d).securityContext.allowPrivilegeEscalation = true; }, "allowPrivilegeEscalation must be false"],
  ["capabilities kept", (d) => { delete container(d).securityContext.capabilities; }, "capabilities.drop must include ALL"],
  ["runs as root", (d) => { pod(d).securityContext.runAsNonRoot = false; }, "runAsNonRoot must be true"],
  ["root user", (d) => { pod(d).securityContext.runAsUser = 0; }, "runAsUser must not be 0"],
  ["no seccomp", (d) => { delete pod(d).securityContext.seccompProfile; }, "seccompProfile.type"],
  ["hostPath volume", (d) => { pod(d).volumes.push({ name: "h", hostPath: { path: "/" } }); }, "type hostPath is not allowed"],
  ["host network", (d) => { pod(d).hostNetwork = true; }, "hostNetwork must not be true"],
  ["invalid name", (d) => { d.metadata.name = "Web_1"; }, "is not a valid Deployment name"],
  ["invalid label value", (d) => { d.metadata.labels = { version: "1.4.2+build" }; }, "label value"],
  ["invalid port name", (d) => { container(d).ports[0].name = "8080"; }, "container port name"],
  ["unknown kind", (d) => { d.kind = "Deploymnet"; }, "no schema"],
  // Pod validation and the kubelet (issue 11 item 1).
  ["two mounts at one path", (d) => {
    pod(d).volumes.push({ name: "cache", emptyDir: {} });
    container(d).volumeMounts.push({ name: "cache", mountPath: "/tmp" });
  }, "mountPath \"/tmp\" must be unique in the container"],
  ["two volumes with one name", (d) => { pod(d).volumes.push({ name: "tmp", emptyDir: {} }); }, "volume name \"tmp\" is not unique in the pod"],
  ["a mount of no volume", (d) => { container(d).volumeMounts.push({ name: "data", mountPath: "/data" }); }, "names no volume of the pod"],
  ["a relative mount path", (d) => { container(d).volumeMounts[0].mountPath = "tmp"; }, "must be an absolute path"],
  ["runAsNonRoot with uid 0 on the container", (d) => { container(d).securityContext.runAsUser = 0; }, "runAsNonRoot: true with runAsUser: 0"],
  ["runAsNonRoot without a uid", (d) => { delete pod(d).securityContext.runAsUser; }, "without a numeric runAsUser"],
  ["an HTTP probe on a UDP port", (d) => {
    container(d).ports.push({ name: "dns", containerPort: 5353, protocol: "UDP" });
    container(d).readinessProbe = { httpGet: { path: "/", port: "dns" } };
  }, "readinessProbe.httpGet.port \"dns\" is a UDP port"],
  ["a TCP probe on a UDP port", (d) => {
    container(d).ports.push({ name: "dns", containerPort: 5353, protocol: "UDP" });
    container(d).livenessProbe = { tcpSocket: { port: "dns" } };
  }, "livenessProbe.tcpSocket.port \"dns\" is a UDP port"],
  ["a gRPC probe on a UDP port", (d) => {
    container(d).ports.push({ name: "dns", containerPort: 5353, protocol: "UDP" });
    container(d).livenessProbe = { grpc: { port: 5353 } };
  }, "livenessProbe.grpc.port 5353 is a UDP port"],
  ["a probe on an undeclared port name", (d) => { container(d).readinessProbe = { tcpSocket: { port: "metrics" } }; }, "names no port of the container"],
];

// StatefulSets: the controller puts one volume per claim template into each pod.
const statefulCases = [
  ["a claim template named like a pod volume", (d) => { d.spec.volumeClaimTemplates[0].metadata.name = "tmp"; container(d).volumeMounts[1].name = "tmp"; },
    "claim template \"tmp\" is named like a pod volume"],
  ["a claim of size 0", (d) => { d.spec.volumeClaimTemplates[0].spec.resources.requests.storage = "0"; }, "must be greater than zero"],
  ["a mount of neither a volume nor a claim", (d) => { container(d).volumeMounts[1].name = "logs"; }, "names no volume of the pod"],
];

const ingressCases = [
  ["an upper-case host", (i) => { i.spec.rules[0].host = "Shop.example.com"; }, "must be a lower-case RFC 1123 subdomain"],
  ["a host with an underscore", (i) => { i.spec.rules[0].host = "shop_1.example.com"; }, "must be a lower-case RFC 1123 subdomain"],
  ["an IP address as host", (i) => { i.spec.rules[0].host = "10.0.0.1"; }, "not an IP address"],
  ["a wildcard not at the start", (i) => { i.spec.rules[0].host = "shop.*.example.com"; }, "a wildcard host"],
  ["a relative path", (i) => { i.spec.rules[0].http.paths[0].path = "api"; }, "must be an absolute path"],
  ["a path with //", (i) => { i.spec.rules[0].http.paths[0].path = "/api//v1"; }, "must not contain '//'"],
  ["a path ending in /.", (i) => { i.spec.rules[0].http.paths[0].path = "/api/."; }, "cannot end with '/.'"],
];

let failures = 0;
const check = (ok, message) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failures++;
};

const good = await validateObject(goodDeployment(), "good");
check(good.length === 0, `a good Deployment passes${good.length ? ": " + good.join("; ") : ""}`);

for (const [name, mutate, expected] of cases) {
  const d = goodDeployment();
  mutate(d);
  const problems = await validateObject(d, name);
  check(problems.some((p) => p.includes(expected)), `${name} is rejected with "${expected}"${problems.length ? "" : " (accepted!)"}`);
}

const goodSts = await validateObject(goodStatefulSet(), "good StatefulSet");
check(goodSts.length === 0, `a good StatefulSet passes${goodSts.length ? ": " + goodSts.join("; ") : ""}`);
for (const [name, mutate, expected] of statefulCases) {
  const d = goodStatefulSet();
  mutate(d);
  const problems = await validateObject(d, name);
  check(problems.some((p) => p.includes(expected)), `${name} is rejected with "${expected}"${problems.length ? "" : " (accepted!)"}`);
}

const goodIng = [...(await validateObject(goodIngress(), "good Ingress")),
  ...(await validateObject(goodIngress("web", "*.example.com"), "good wildcard Ingress"))];
check(goodIng.length === 0, `good Ingresses pass${goodIng.length ? ": " + goodIng.join("; ") : ""}`);
for (const [name, mutate, expected] of ingressCases) {
  const i = goodIngress();
  mutate(i);
  const problems = await validateObject(i, name);
  check(problems.some((p) => p.includes(expected)), `${name} is rejected with "${expected}"${problems.length ? "" : " (accepted!)"}`);
}
const conflicts = checkIngressConflicts([
  { label: "a.yaml#1", obj: goodIngress("web", "shop.example.com", "/api") },
  { label: "b.yaml#1", obj: goodIngress("api", "shop.example.com", "/api") },
  { label: "c.yaml#1", obj: goodIngress("docs", "shop.example.com", "/docs") },
  { label: "stream.yaml#3", obj: goodIngress("web", "shop.example.com", "/api") },
]);
check(conflicts.length === 1 && conflicts[0].includes("already routed by a.yaml#1"),
  `two Ingresses on one host and path are rejected, others (and one Ingress seen twice) not${conflicts.length ? ": " + conflicts.join("; ") : " (accepted!)"}`);

const dir = mkdtempSync(join(tmpdir(), "svcc-selftest-"));
try {
  const bad = join(dir, "bad.yaml");
  writeFileSync(bad, "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");
  const r = await validateFile(bad);
  check(r.problems.some((p) => p.includes("YAML")), "a YAML syntax error is rejected");
  const kust = join(dir, "kustomization.yaml");
  writeFileSync(kust, "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - b.yaml\n  - a.yaml\n");
  const k = await validateFile(kust);
  check(k.problems.some((p) => p.includes("not sorted")) && k.problems.some((p) => p.includes("does not exist")),
    "an unsorted kustomization naming missing files is rejected");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const total = cases.length + statefulCases.length + ingressCases.length + 7;
console.log(failures ? `${failures} self-test failures` : `all ${total} self-tests passed`);
process.exitCode = failures ? 1 : 0;
