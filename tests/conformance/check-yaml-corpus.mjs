// Independent check of svcc's YAML quoting: DIR/corpus.yaml (written by svcc's writer)
// must read back, under the npm package `yaml` with the YAML 1.2 core schema and with
// the YAML 1.1 schema, as exactly the strings of DIR/corpus.json. A plain `yes` read as
// a boolean, `0755` as a number or `2001-12-14` as a date fails.
// Usage: node check-yaml-corpus.mjs DIR
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const dir = process.argv[2];
const text = readFileSync(join(dir, "corpus.yaml"), "utf8");
const expected = JSON.parse(readFileSync(join(dir, "corpus.json"), "utf8"));
let failures = 0;
const fail = (msg) => {
  if (failures++ < 20) console.log(`FAIL ${msg}`);
};

for (const version of ["1.2", "1.1"]) {
  let doc;
  try {
    doc = parse(text, { version, uniqueKeys: true, maxAliasCount: -1 });
  } catch (e) {
    fail(`YAML ${version}: cannot parse: ${e.message}`);
    continue;
  }
  const items = doc.items ?? [];
  if (items.length !== expected.items.length) fail(`YAML ${version}: ${items.length} items, expected ${expected.items.length}`);
  expected.items.forEach((want, i) => {
    if (items[i] !== want) fail(`YAML ${version}: item ${i}: expected ${JSON.stringify(want)}, read ${JSON.stringify(items[i])}`);
  });
  const keys = Object.keys(doc.keys ?? {});
  const wantKeys = Object.keys(expected.keys);
  if (keys.length !== wantKeys.length) fail(`YAML ${version}: ${keys.length} keys, expected ${wantKeys.length}`);
  for (const k of wantKeys) {
    if (doc.keys?.[k] !== expected.keys[k]) fail(`YAML ${version}: key ${JSON.stringify(k)} read as ${JSON.stringify(doc.keys?.[k])}`);
  }
  console.log(`YAML ${version}: ${items.length} items, ${keys.length} keys checked`);
}
console.log(failures ? `${failures} failures` : "all strings read back as written");
process.exitCode = failures ? 1 : 0;
