// Validates SARIF logs written by `svcc lint --format sarif` independently of the
// compiler: the SARIF 2.1.0 JSON schema (draft-04) from the npm package
// @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json, the schema the OASIS SARIF
// TC published for 2.1.0 as schemastore's sarif-2.1.0-rtm.5.json), checked with ajv,
// then what the schema cannot say: each result's ruleIndex points at the rule of its
// ruleId, every rule is used, regions end after they start, and each fix edits a file
// the log names.
// Usage: node validate-sarif.mjs SVCC INPUT... (runs `SVCC lint --format sarif INPUT`
// for each input). Exit 1 on any problem.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

// unicodeRegExp off: draft-04 patterns are plain ECMA-262 regexes, and rtm.5's `language`
// pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, corrected in the 2.1.0 errata)
// only compiles without the `u` flag. svcc writes no `language`.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

function regionProblems(where, region) {
  const ends = [region.endLine ?? region.startLine, region.endColumn ?? Infinity];
  if (ends[0] < region.startLine || (ends[0] === region.startLine && ends[1] < region.startColumn))
    return [`${where}: region ends before it starts`];
  return [];
}

// Problems with one parsed SARIF log: [string].
export function checkSarif(log) {
  const problems = [];
  if (!validateSchema(log)) {
    for (const e of validateSchema.errors) problems.push(`schema: ${e.instancePath || "/"} ${e.message}`);
    return problems;
  }
  for (const [r, run] of log.runs.entries()) {
    const rules = run.tool.driver.rules ?? [];
    const used = new Set();
    for (const [i, result] of (run.results ?? []).entries()) {
      const where = `runs[${r}].results[${i}]`;
      const rule = rules[result.ruleIndex];
      if (!rule || rule.id !== result.ruleId) problems.push(`${where}: ruleIndex ${result.ruleIndex} is not rule ${result.ruleId}`);
      used.add(result.ruleIndex);
      for (const loc of [...(result.locations ?? []), ...(result.relatedLocations ?? [])])
        problems.push(...regionProblems(where, loc.physicalLocation.region));
      for (const fix of result.fixes ?? [])
        for (const change of fix.artifactChanges) {
          if (!change.artifactLocation.uri) problems.push(`${where}: a fix names no file`);
          for (const rep of change.replacements) problems.push(...regionProblems(`${where} fix`, rep.deletedRegion));
        }
    }
    rules.forEach((rule, i) => { if (!used.has(i)) problems.push(`runs[${r}]: rule ${rule.id} is listed but not used`); });
  }
  return problems;
}

function lintSarif(svcc, input) {
  try {
    return execFileSync(svcc, ["lint", "--format", "sarif", input], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.status === 1) return e.stdout;  // errors in the input: still a SARIF log
    throw e;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [svcc, ...inputs] = process.argv.slice(2);
  let failed = 0, results = 0;
  const codes = new Set();
  for (const input of inputs) {
    const log = JSON.parse(lintSarif(svcc, input));
    const problems = checkSarif(log);
    for (const p of problems) console.error(`${input}: ${p}`);
    if (problems.length) failed++;
    for (const run of log.runs) for (const res of run.results ?? []) { results++; codes.add(res.ruleId); }
  }
  console.log(`validate-sarif: ${inputs.length} logs, ${results} results, codes ${[...codes].sort().join(" ")}`);
  if (failed || inputs.length === 0) {
    console.error(`validate-sarif: ${failed} of ${inputs.length} logs invalid`);
    process.exit(1);
  }
}
