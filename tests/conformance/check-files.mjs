// The command-line half shared by lint-dockerfiles.mjs and validate-compose.mjs: runs a
// check over every file of one name under a directory and reports like a linter.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function* filesNamed(dir, name) {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* filesNamed(path, name);
    else if (entry === name) yield path;
  }
}

// `check(text, relativePath)` returns problem lines; exits 1 when there are any, or
// when no file was found (a writer that wrote nothing must not pass).
export function checkFiles(root, name, check) {
  let files = 0;
  let problems = 0;
  for (const path of filesNamed(root, name)) {
    files++;
    const rel = relative(root, path);
    for (const line of check(readFileSync(path, "utf8"), rel)) {
      problems++;
      console.log(`${rel}: ${line}`);
    }
  }
  console.log(`${files} ${name} files, ${problems} problems`);
  process.exit(files > 0 && problems === 0 ? 0 : 1);
}
