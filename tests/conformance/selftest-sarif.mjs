// A test for the test: validate-sarif.mjs must accept a good SARIF log and reject each
// deliberately broken variant of it with the expected reason.
import { checkSarif } from "./validate-sarif.mjs";

function goodLog() {
  const region = { startLine: 3, startColumn: 5, endLine: 3, endColumn: 11 };
  const where = (text) => ({ physicalLocation: { artifactLocation: { uri: "app.svc" }, region }, message: { text } });
  return {
    version: "2.1.0",
    runs: [{
      tool: { driver: { name: "svcc", version: "0.1.0", rules: [{
        id: "W1007", name: "unused_let",
        shortDescription: { text: "let never used" }, fullDescription: { text: "..." },
        defaultConfiguration: { level: "warning" },
      }] } },
      columnKind: "utf16CodeUnits",
      results: [{
        ruleId: "W1007", ruleIndex: 0, level: "warning",
        message: { text: "let `x` is never used" },
        locations: [where("nothing reads it")],
        fixes: [{
          description: { text: "delete let `x`" },
          artifactChanges: [{ artifactLocation: { uri: "app.svc" }, replacements: [{
            deletedRegion: { startLine: 3, startColumn: 1, endLine: 4, endColumn: 1 }, insertedContent: { text: "" },
          }] }],
        }],
      }],
    }],
  };
}

const broken = [
  ["no version", (l) => { delete l.version; }, "must have required property 'version'"],
  ["version 2.0.0", (l) => { l.version = "2.0.0"; }, "/version must be equal to one of the allowed values"],
  ["unknown level", (l) => { l.runs[0].results[0].level = "warn"; }, "/runs/0/results/0/level must be equal to one of the allowed values"],
  ["line 0", (l) => { l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }, "startLine must be >= 1"],
  ["fix without changes", (l) => { l.runs[0].results[0].fixes[0].artifactChanges = []; }, "artifactChanges must NOT have fewer than 1 items"],
  ["unknown property", (l) => { l.runs[0].results[0].severity = "warning"; }, "must NOT have additional properties"],
  ["message without text", (l) => { l.runs[0].results[0].message = {}; }, "/runs/0/results/0/message must have required property 'text'"],
  ["wrong ruleIndex", (l) => { l.runs[0].results[0].ruleIndex = 1; }, "ruleIndex 1 is not rule W1007"],
  ["unused rule", (l) => { l.runs[0].tool.driver.rules.push({ id: "W1001" }); }, "rule W1001 is listed but not used"],
  ["backwards region", (l) => { l.runs[0].results[0].locations[0].physicalLocation.region.endColumn = 2; }, "region ends before it starts"],
];

let failures = 0;
const good = checkSarif(goodLog());
if (good.length) { console.error(`good log rejected: ${good.join("; ")}`); failures++; }
for (const [name, breakIt, expected] of broken) {
  const log = goodLog();
  breakIt(log);
  const problems = checkSarif(log);
  if (!problems.some((p) => p.includes(expected))) {
    console.error(`${name}: expected a problem containing "${expected}", got: ${problems.join("; ") || "none"}`);
    failures++;
  }
}
console.log(`selftest-sarif: ${broken.length + 1 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
