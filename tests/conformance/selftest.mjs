// A test for the test: validate-k8s.mjs must accept a good Deployment and reject each
// deliberately broken variant of it with the expected reason.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateFile, validateObject } from "./validate-k8s.mjs";

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

console.log(failures ? `${failures} self-test failures` : `all ${cases.length + 3} self-tests passed`);
process.exitCode = failures ? 1 : 0;
