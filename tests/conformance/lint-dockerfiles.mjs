// Lints every Dockerfile under DIR twice, independently of the compiler:
// dockerfile-utils' validate() (every check at error severity), and the hadolint rules
// issue #5 asks for, re-implemented here over a small parser of our own:
//   DL3006/DL3007 tagged, non-`latest` base images   DL3020 no ADD of local files
//   DL3025 JSON-form CMD/ENTRYPOINT                   SV0001 numeric non-root USER before CMD
//   DL3015 apt-get install --no-install-recommends    DL3042 pip install --no-cache-dir
//   SV0002 `npm ci` rather than `npm install` where a lockfile is expected
// Usage: node lint-dockerfiles.mjs DIR. Exit 1 on any finding.
import { validate } from "dockerfile-utils";
import { checkFiles } from "./check-files.mjs";

// The seed's Dockerfile is fixed by docs/outputs.md, `pip install` without
// --no-cache-dir included; every other rule still applies to it.
export const EXEMPT = { "seed/docker/my-service/Dockerfile": ["DL3042"] };

const ERROR = 2;
const UTILS_SETTINGS = {
  deprecatedMaintainer: ERROR, directiveCasing: ERROR, emptyContinuationLine: ERROR,
  instructionCasing: ERROR, instructionCmdMultiple: ERROR, instructionEntrypointMultiple: ERROR,
  instructionHealthcheckMultiple: ERROR, instructionJSONInSingleQuotes: ERROR,
  instructionWorkdirRelative: ERROR,
};

// [{keyword, args, line}] with continuation lines joined and comments dropped.
export function parseDockerfile(text) {
  const out = [];
  let pending = null;
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (pending === null && (/^\s*#/.test(line) || line.trim() === "")) return;
    const continued = /\\\s*$/.test(line);
    const body = continued ? line.replace(/\\\s*$/, "") : line;
    if (pending === null) pending = { text: body, line: index + 1 };
    else pending.text += " " + body.trim();
    if (continued) return;
    const m = /^\s*(\S+)\s*(.*)$/.exec(pending.text);
    out.push({ keyword: m[1].toUpperCase(), args: m[2], line: pending.line });
    pending = null;
  });
  return out;
}

function isJsonArray(args) {
  try {
    const v = JSON.parse(args);
    return Array.isArray(v) && v.every((s) => typeof s === "string");
  } catch {
    return false;
  }
}

function fromImage(args) {
  const words = args.split(/\s+/).filter((w) => !w.startsWith("--"));
  return { image: words[0], stage: words.length >= 3 && /^as$/i.test(words[1]) ? words[2].toLowerCase() : null };
}

function commandsOf(run) {
  return run.split(/&&|\|\||;|\|/).map((c) => c.trim().split(/\s+/));
}

// Findings of the hadolint subset: [{rule, line, message}].
export function checkRules(text) {
  const findings = [];
  const add = (rule, line, message) => findings.push({ rule, line, message });
  const instructions = parseDockerfile(text);
  const stages = new Set();
  let user = null;
  let lockfile = false;
  for (const ins of instructions) {
    const { keyword, args, line } = ins;
    if (keyword === "FROM") {
      const { image, stage } = fromImage(args);
      user = null;
      lockfile = false;
      if (!stages.has(image.toLowerCase()) && image !== "scratch") {
        const name = image.split("@")[0];
        const lastPart = name.split("/").pop();
        if (!image.includes("@") && !lastPart.includes(":")) add("DL3006", line, `untagged base image \`${image}\``);
        else if (/:latest$/.test(name)) add("DL3007", line, `base image \`${image}\` uses the latest tag`);
      }
      if (stage) stages.add(stage);
    } else if (keyword === "ADD") {
      const sources = isJsonArray(args) ? JSON.parse(args).slice(0, -1) : args.split(/\s+/).filter((w) => !w.startsWith("--")).slice(0, -1);
      if (sources.some((s) => !/^(https?|git):\/\//.test(s))) add("DL3020", line, "ADD of local files; use COPY");
    } else if (keyword === "CMD" || keyword === "ENTRYPOINT") {
      if (!isJsonArray(args)) add("DL3025", line, `${keyword} not in JSON form`);
      if (keyword === "CMD" && !(user && /^[0-9]+$/.test(user) && user !== "0"))
        add("SV0001", line, `CMD runs as ${user === null ? "root (no USER)" : `\`${user}\``}, not a numeric non-root user`);
    } else if (keyword === "USER") {
      user = args.trim().split(":")[0];
    } else if (keyword === "COPY") {
      if (/(^|[\s"/])(package-lock\.json|npm-shrinkwrap\.json)/.test(args)) lockfile = true;
    } else if (keyword === "RUN") {
      for (const words of commandsOf(args)) {
        const at = (w) => words.indexOf(w);
        if (words[0] === "apt-get" && at("install") > 0 && !words.includes("--no-install-recommends"))
          add("DL3015", line, "apt-get install without --no-install-recommends");
        const pip = ["pip", "pip3"].includes(words[0]) || (words[0]?.startsWith("python") && words[1] === "-m" && words[2]?.startsWith("pip"));
        if (pip && at("install") > 0 && !words.includes("--no-cache-dir"))
          add("DL3042", line, "pip install without --no-cache-dir");
        if (words[0] === "npm" && ["install", "i"].includes(words[1]) &&
            (lockfile || words.slice(2).every((w) => w.startsWith("-"))))
          add("SV0002", line, "npm install where a lockfile is expected; use npm ci");
      }
    }
  }
  const last = instructions.filter((i) => i.keyword === "USER").pop();
  if (last && /^(0|root)$/.test(last.args.trim().split(":")[0])) add("DL3002", last.line, "last USER is root");
  return findings;
}

// dockerfile-utils' diagnostics plus the rule findings not exempted for `name`.
export function lintDockerfile(text, name = "") {
  const utils = validate(text, UTILS_SETTINGS).map((d) => ({
    rule: `dockerfile-utils:${d.code}`, line: d.range.start.line + 1, message: d.message,
  }));
  const exempt = EXEMPT[name] ?? [];
  return [...utils, ...checkRules(text).filter((f) => !exempt.includes(f.rule))];
}

if (import.meta.url === `file://${process.argv[1]}`)
  checkFiles(process.argv[2], "Dockerfile", (text, name) =>
    lintDockerfile(text, name).map((f) => `${f.line}: ${f.rule}: ${f.message}`));
