// Checks the VS Code extension's TextMate grammar (editors/vscode/syntaxes/svc.tmLanguage.json)
// with the engine VS Code itself uses (vscode-textmate on vscode-oniguruma). checkGrammar()
// takes the grammar as parsed JSON and returns the failures as strings, so that
// selftest.mjs can prove the checks reject broken grammars.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
export const grammarPath = join(repoRoot, 'editors/vscode/syntaxes/svc.tmLanguage.json');

let onigLib;
function loadOniguruma() {
  if (!onigLib) {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
    onigLib = oniguruma.loadWASM(wasm.buffer).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }));
  }
  return onigLib;
}

async function loadGrammar(rawGrammar) {
  const registry = new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.svc' ? vsctm.parseRawGrammar(JSON.stringify(rawGrammar), 'svc.json') : null,
  });
  return registry.loadGrammar('source.svc');
}

function svcFiles(dir) {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return svcFiles(path);
    return entry.endsWith('.svc') ? [path] : [];
  });
}

export function corpusFiles() {
  return [...svcFiles(join(repoRoot, 'examples')), ...svcFiles(join(repoRoot, 'stdlib'))];
}

// The golden and fuzz inputs, many of them broken on purpose: they must tokenize with every
// token scoped (a stray character as `invalid`), but may hold invalid tokens.
export function brokenCorpusFiles() {
  return [...svcFiles(join(repoRoot, 'tests/golden')), ...svcFiles(join(repoRoot, 'tests/fuzz/corpus'))];
}

// Lines of [{ text, scopes }]; `end` is the rule stack after the last line.
function tokenize(grammar, source) {
  let state = vsctm.INITIAL;
  const lines = source.split(/\r?\n/).map((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((token, i) => ({
      text: line.slice(token.startIndex, result.tokens[i + 1]?.startIndex ?? line.length),
      scopes: token.scopes,
    }));
    return { number: index + 1, line, tokens, stoppedEarly: result.stoppedEarly };
  });
  return { lines, end: state };
}

const hasScope = (token, prefix) => token.scopes.some((scope) => scope === prefix || scope.startsWith(prefix + '.'));

// Each expectation: in the first line containing `line`, the `nth` token whose text is `token`
// has (or, with `not`, lacks) a scope starting with `scope`.
export const expectations = [
  // examples/shop/shop.svc
  { file: 'examples/shop/shop.svc', line: 'import std.runtime', token: 'import', scope: 'keyword.control.import' },
  { file: 'examples/shop/shop.svc', line: 'import std.runtime', token: 'std.runtime', scope: 'entity.name.namespace' },
  { file: 'examples/shop/shop.svc', line: 'app shop {', token: 'app', scope: 'keyword.declaration' },
  { file: 'examples/shop/shop.svc', line: 'app shop {', token: 'shop', scope: 'entity.name' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: 'service', scope: 'keyword' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: 'frontend', scope: 'entity.name' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: 'web', scope: 'entity.other.inherited-class' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: 'runtime', scope: 'entity.name.namespace' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: 'python', scope: 'entity.other.inherited-class' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: 'version', scope: 'variable.parameter' },
  { file: 'examples/shop/shop.svc', line: 'service frontend', token: '"', scope: 'punctuation.definition.string.begin' },
  { file: 'examples/shop/shop.svc', line: 'let log_level', token: 'let', scope: 'keyword.declaration' },
  { file: 'examples/shop/shop.svc', line: 'let log_level', token: 'log_level', scope: 'entity.name' },
  { file: 'examples/shop/shop.svc', line: 'template web(', token: 'template', scope: 'keyword.declaration' },
  { file: 'examples/shop/shop.svc', line: 'template web(', token: 'web', scope: 'entity.name' },
  { file: 'examples/shop/shop.svc', line: 'template web(', token: 'port', scope: 'variable.parameter' },
  { file: 'examples/shop/shop.svc', line: 'template web(', token: 'Port', scope: 'support.type' },
  { file: 'examples/shop/shop.svc', line: 'template web(', token: '8080', scope: 'constant.numeric' },
  { file: 'examples/shop/shop.svc', line: 'port http = 80 -> port', token: 'port', scope: 'keyword.other.port' },
  { file: 'examples/shop/shop.svc', line: 'port http = 80 -> port', token: 'http', scope: 'entity.name.port' },
  { file: 'examples/shop/shop.svc', line: 'port http = 80 -> port', token: '->', scope: 'keyword.operator.arrow' },
  { file: 'examples/shop/shop.svc', line: 'port http = 80 -> port', token: 'port', nth: 1, scope: 'variable.other' },
  { file: 'examples/shop/shop.svc', line: 'port http = 80 -> port', token: 'port', nth: 1, scope: 'keyword', not: true },
  { file: 'examples/shop/shop.svc', line: 'health {', token: 'health', scope: 'keyword.other.section' },
  // Contextual keyword: inside `health { }`, `port = http` is a field, not a port declaration.
  { file: 'examples/shop/shop.svc', line: '    port = http', token: 'port', scope: 'variable.other.property' },
  { file: 'examples/shop/shop.svc', line: '    port = http', token: 'port', scope: 'keyword', not: true },
  { file: 'examples/shop/shop.svc', line: 'cpu    = 100m..500m', token: 'cpu', scope: 'variable.other.property' },
  { file: 'examples/shop/shop.svc', line: 'cpu    = 100m..500m', token: '100', scope: 'constant.numeric.quantity' },
  { file: 'examples/shop/shop.svc', line: 'cpu    = 100m..500m', token: 'm', scope: 'constant.numeric.quantity' },
  { file: 'examples/shop/shop.svc', line: 'cpu    = 100m..500m', token: '..', scope: 'keyword.operator.range' },
  { file: 'examples/shop/shop.svc', line: 'memory = 128Mi..256Mi', token: '128', scope: 'constant.numeric' },
  { file: 'examples/shop/shop.svc', line: 'memory = 128Mi..256Mi', token: 'Mi', scope: 'constant.numeric' },
  { file: 'examples/shop/shop.svc', line: 'cpu = 70%', token: '70', scope: 'constant.numeric.percent' },
  { file: 'examples/shop/shop.svc', line: 'cpu = 70%', token: '%', scope: 'constant.numeric.percent' },
  { file: 'examples/shop/shop.svc', line: 'cpu = 70%', token: 'min', scope: 'variable.other.property' },
  { file: 'examples/shop/shop.svc', line: 'cpu = 70%', token: ';', scope: 'punctuation.terminator' },
  { file: 'examples/shop/shop.svc', line: 'CART_ADDR', token: 'cart', scope: 'variable.other' },
  { file: 'examples/shop/shop.svc', line: 'CART_ADDR', token: 'address', scope: 'variable.other.member' },
  { file: 'examples/shop/shop.svc', line: 'CART_ADDR', token: '//', scope: 'comment.line' },
  { file: 'examples/shop/shop.svc', line: 'SESSION_KEY', token: 'secret', scope: 'support.function.builtin' },
  { file: 'examples/shop/shop.svc', line: 'SESSION_KEY', token: 'frontend-secrets', scope: 'string.quoted.double' },
  { file: 'examples/shop/shop.svc', line: 'depends on redis', token: 'depends', scope: 'keyword.other.depends' },
  { file: 'examples/shop/shop.svc', line: 'depends on redis', token: 'on', scope: 'keyword.other.depends' },
  { file: 'examples/shop/shop.svc', line: 'health { grpc = grpc }', token: 'grpc', scope: 'variable.other.property' },
  { file: 'examples/shop/shop.svc', line: 'health { grpc = grpc }', token: 'grpc', nth: 1, scope: 'variable.other' },
  { file: 'examples/shop/shop.svc', line: 'volume data', token: 'volume', scope: 'keyword.other.volume' },
  { file: 'examples/shop/shop.svc', line: 'volume data', token: 'data', scope: 'entity.name' },
  { file: 'examples/shop/shop.svc', line: 'volume data', token: '1', scope: 'constant.numeric.quantity' },
  { file: 'examples/shop/shop.svc', line: 'profile prod', token: 'profile', scope: 'keyword.declaration' },
  { file: 'examples/shop/shop.svc', line: 'profile prod', token: 'prod', scope: 'entity.name' },
  { file: 'examples/shop/shop.svc', line: 'frontend.scale.max    = 30', token: 'scale', scope: 'variable.other.property' },
  { file: 'examples/shop/shop.svc', line: 'frontend.scale.max    = 30', token: '.', scope: 'punctuation.accessor' },
  // examples/seed/my-service.svc
  { file: 'examples/seed/my-service.svc', line: 'service my-service', token: 'my-service', scope: 'entity.name' },
  { file: 'examples/seed/my-service.svc', line: 'build {', token: 'build', scope: 'keyword.other.build' },
  { file: 'examples/seed/my-service.svc', line: 'from "python', token: 'from', scope: 'keyword.other.step' },
  { file: 'examples/seed/my-service.svc', line: 'copy "requirements', token: 'copy', scope: 'keyword.other.step' },
  { file: 'examples/seed/my-service.svc', line: 'user 10001', token: 'user', scope: 'keyword.other.step' },
  { file: 'examples/seed/my-service.svc', line: 'user 10001', token: '10001', scope: 'constant.numeric.integer' },
  { file: 'examples/seed/my-service.svc', line: 'labels {', token: 'labels', scope: 'keyword.other.section' },
  // stdlib
  { file: 'stdlib/std/runtime.svc', line: 'from "python:${version}-slim"', token: '${', scope: 'punctuation.section.interpolation.begin' },
  { file: 'stdlib/std/runtime.svc', line: 'from "python:${version}-slim"', token: 'version', scope: 'meta.interpolation' },
  { file: 'stdlib/std/runtime.svc', line: 'from "python:${version}-slim"', token: 'version', scope: 'variable.other' },
  { file: 'stdlib/std/runtime.svc', line: 'from "python:${version}-slim"', token: '}', scope: 'punctuation.section.interpolation.end' },
  { file: 'stdlib/std/runtime.svc', line: 'from "python:${version}-slim"', token: '-slim', scope: 'string.quoted.double' },
  { file: 'stdlib/std/runtime.svc', line: 'env PYTHONUNBUFFERED', token: 'env', scope: 'keyword.other.step' },
  { file: 'stdlib/std/runtime.svc', line: 'stage compile {', token: 'stage', scope: 'keyword.other.step' },
  { file: 'stdlib/std/runtime.svc', line: 'stage compile {', token: 'compile', scope: 'entity.name.stage' },
  { file: 'stdlib/std/runtime.svc', line: 'copy from compile', token: 'from', scope: 'keyword.other.step' },
  { file: 'stdlib/std/health.svc', line: 'template http_health', token: 'Duration', scope: 'support.type' },
  { file: 'stdlib/std/health.svc', line: 'template http_health', token: '5', scope: 'constant.numeric.quantity' },
  { file: 'stdlib/std/health.svc', line: '    path          = path', token: 'path', scope: 'variable.other.property' },
  { file: 'stdlib/std/health.svc', line: '    path          = path', token: 'path', nth: 1, scope: 'variable.other' },
  // golden inputs
  { file: 'tests/golden/parse/literals.svc', line: 'let negative', token: '-', scope: 'keyword.operator.arithmetic' },
  { file: 'tests/golden/parse/literals.svc', line: 'let negative', token: '1', scope: 'constant.numeric.integer' },
  { file: 'tests/golden/parse/literals.svc', line: 'let neg_dec', token: '0.25', scope: 'constant.numeric.decimal' },
  { file: 'tests/golden/parse/literals.svc', line: 'let millis', token: 'ms', scope: 'keyword.other.unit' },
  { file: 'tests/golden/parse/literals.svc', line: 'let escapes', token: '\\u{1F600}', scope: 'constant.character.escape' },
  { file: 'tests/golden/parse/literals.svc', line: 'let interp', token: 'address', scope: 'meta.interpolation' },
  { file: 'tests/golden/parse/literals.svc', line: 'let dollar', token: 'costs $5, not ', scope: 'meta.interpolation', not: true },
  { file: 'tests/golden/syntax/fail_unexpected_character.svc', line: '#', token: '#', scope: 'invalid.illegal.character' },
  { file: 'tests/golden/syntax/fail_unexpected_character.svc', line: '@=', token: '@', scope: 'invalid.illegal.character' },
  // Snippets: what the examples do not show.
  { snippet: 'let s = "a\\"b\\n\\u{1F600}\\q"', token: '\\"', scope: 'constant.character.escape' },
  { snippet: 'let s = "a\\"b\\n\\u{1F600}\\q"', token: '\\u{1F600}', scope: 'constant.character.escape' },
  { snippet: 'let s = "a\\"b\\n\\u{1F600}\\q"', token: '\\q', scope: 'invalid.illegal.escape' },
  { snippet: 'let s = "cost \\${x}"', token: '\\$', scope: 'constant.character.escape' },
  { snippet: 'let s = "cost \\${x}"', token: '{x}', scope: 'meta.interpolation', not: true },
  { snippet: 'let s = "open\nlet t = 1', token: 'let', nth: 1, scope: 'keyword.declaration' },
  { snippet: '/* a\n service x */ service y', token: ' service x ', scope: 'comment.block' },
  { snippet: '/* a\n service x */ service y', token: 'y', scope: 'entity.name' },
  { snippet: 'let r = 1..2', token: '1', scope: 'constant.numeric.integer' },
  { snippet: 'let r = 1..2', token: '..', scope: 'keyword.operator.range' },
  { snippet: 'let m = 1.5Gi', token: '1.5', scope: 'constant.numeric.quantity' },
  { snippet: 'let m = 1.5Gi', token: 'Gi', scope: 'keyword.other.unit' },
  { snippet: 'let d = 0.5', token: '0.5', scope: 'constant.numeric.decimal' },
  { snippet: 'let v = -x', token: 'x', scope: 'variable.other' },
  { snippet: 'let v = 1.2.3', token: '1.2.3', scope: 'invalid.illegal.numeric' },
  { snippet: 'let b = true', token: 'true', scope: 'constant.language.boolean' },
  { snippet: 'port web = 80->8080', token: '->', scope: 'keyword.operator.arrow' },
  { snippet: 'port web = 80->8080', token: 'web', scope: 'entity.name.port' },
  { snippet: 'port web = 80->8080', token: '80', scope: 'constant.numeric.integer' },
  { snippet: 'user = 1000', token: 'user', scope: 'variable.other.property' },
  { snippet: 'env { A = 1 }', token: 'env', scope: 'keyword.other.section' },
  { snippet: 'service api : web {', token: 'web', scope: 'entity.other.inherited-class' },
  { snippet: 'service api : web {', token: 'web', scope: 'variable.other.property', not: true },
  { snippet: 'service api : web,\n  std.health.http_health(path = "/") {', token: 'http_health', scope: 'entity.other.inherited-class' },
  { snippet: 'service api : web,\n  std.health.http_health(path = "/") {', token: 'path', scope: 'variable.parameter' },
  { snippet: 'template t(a: Int) : web {', token: 'web', scope: 'entity.other.inherited-class' },
  { snippet: 'template t(a: Int) : web {\n  port = a\n}', token: 'port', scope: 'variable.other.property' },
  { snippet: 'template t(xs: [Int], r: Cpu..Cpu) {', token: 'Int', scope: 'support.type' },
  { snippet: 'template t(xs: [Int], r: Cpu..Cpu) {', token: 'Cpu', nth: 1, scope: 'support.type' },
];

function findToken(lines, expectation) {
  const line = lines.find((l) => l.line.includes(expectation.line ?? '')) ?? lines.at(-1);
  if (expectation.line && !line.line.includes(expectation.line)) return { line: null };
  const matches = (expectation.line ? [line] : lines).flatMap((l) => l.tokens).filter((t) => t.text === expectation.token);
  return { line, token: matches[expectation.nth ?? 0] };
}

export async function checkGrammar(rawGrammar) {
  const failures = [];
  const grammar = await loadGrammar(rawGrammar);
  const tokenized = new Map();
  let lineCount = 0;
  let tokenCount = 0;
  const valid = new Set(corpusFiles());
  for (const path of [...valid, ...brokenCorpusFiles()]) {
    const name = relative(repoRoot, path);
    const result = tokenize(grammar, readFileSync(path, 'utf8'));
    tokenized.set(name, result);
    for (const { number, line, tokens, stoppedEarly } of result.lines) {
      lineCount++;
      if (stoppedEarly) failures.push(`${name}:${number}: tokenizing stopped early`);
      if (tokens.map((t) => t.text).join('') !== line) failures.push(`${name}:${number}: the tokens do not cover the line`);
      for (const token of tokens) {
        tokenCount++;
        if (token.text.trim() !== '' && token.scopes.length < 2)
          failures.push(`${name}:${number}: \`${token.text}\` has no scope`);
        const invalid = token.scopes.find((scope) => scope.startsWith('invalid.'));
        if (invalid && valid.has(path)) failures.push(`${name}:${number}: \`${token.text}\` is ${invalid} in a valid file`);
      }
    }
    if (valid.has(path) && result.end.depth !== 1)
      failures.push(`${name}: a string, comment or parameter list is still open at the end`);
  }
  for (const expectation of expectations) {
    const where = expectation.file ?? JSON.stringify(expectation.snippet);
    const lines = expectation.file ? tokenized.get(expectation.file)?.lines : tokenize(grammar, expectation.snippet).lines;
    if (!lines) { failures.push(`${where}: no such file`); continue; }
    const { line, token } = findToken(lines, expectation);
    const label = `${where}${line ? ':' + line.number : ''}: \`${expectation.token}\`` +
      (expectation.nth ? ` (#${expectation.nth + 1})` : '');
    if (line === null) { failures.push(`${where}: no line contains \`${expectation.line}\``); continue; }
    if (!token) { failures.push(`${label}: no such token`); continue; }
    if (hasScope(token, expectation.scope) === Boolean(expectation.not))
      failures.push(`${label}: expected ${expectation.not ? 'no ' : ''}${expectation.scope}, found ${token.scopes.join(' ')}`);
  }
  return { failures, files: tokenized.size, validFiles: corpusFiles().length, lines: lineCount, tokens: tokenCount, expectations: expectations.length };
}

export const readGrammar = () => JSON.parse(readFileSync(grammarPath, 'utf8'));
