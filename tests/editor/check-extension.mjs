// Checks the rest of editors/vscode/ without VS Code: the manifest's contributions point at
// files that exist and agree with each other, and src/extension.js, loaded against stand-ins
// for `vscode` and `vscode-languageclient/node`, starts `SVCC_PATH lsp` over stdio for `svc`
// documents, and keeps running (highlighting only) when the server cannot start.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Module, { createRequire } from 'node:module';
import { repoRoot } from './grammar-check.mjs';

const extensionDir = join(repoRoot, 'editors/vscode');
const failures = [];
const expect = (ok, message) => { if (!ok) failures.push(message); };
const readJson = (path) => JSON.parse(readFileSync(join(extensionDir, path), 'utf8'));

const manifest = readJson('package.json');
const contributes = manifest.contributes;
const language = contributes.languages.find((l) => l.id === 'svc');
expect(language?.extensions?.includes('.svc'), 'package.json: no `svc` language for `.svc` files');
expect(existsSync(join(extensionDir, language?.configuration ?? '-')), 'package.json: the language configuration is missing');
const grammar = contributes.grammars.find((g) => g.language === 'svc');
expect(existsSync(join(extensionDir, grammar?.path ?? '-')), 'package.json: the grammar file is missing');
expect(grammar && readJson(grammar.path).scopeName === grammar.scopeName, 'package.json: the grammar scopeName differs');
expect(contributes.configuration.properties['svcc.path']?.default === 'svcc', 'package.json: no `svcc.path` setting');
expect(existsSync(join(extensionDir, manifest.main)), 'package.json: `main` is missing');
expect(/^\d+\.\d+\.\d+$/.test(manifest.dependencies?.['vscode-languageclient'] ?? ''), 'package.json: vscode-languageclient is not pinned');
const configuration = readJson('language-configuration.json');
expect(configuration.comments.lineComment === '//', 'language-configuration.json: line comments are not `//`');
expect(configuration.comments.blockComment.join(' ') === '/* */', 'language-configuration.json: block comments are not `/* */`');
expect(configuration.autoClosingPairs.some((p) => p.open === '"'), 'language-configuration.json: quotes do not auto-close');
const indent = configuration.indentationRules;
expect(new RegExp(indent.increaseIndentPattern).test('service a {') && !new RegExp(indent.increaseIndentPattern).test('// {'),
  'language-configuration.json: `{` does not indent');
expect(new RegExp(indent.decreaseIndentPattern).test('  }'), 'language-configuration.json: `}` does not outdent');

// Stand-ins: just enough of both APIs to watch what the extension asks for.
async function activateWith({ path, startFails, settings = {} }) {
  const started = [];
  const warnings = [];
  const stubs = {
    vscode: {
      workspace: {
        getConfiguration: () => ({
          get: (key, fallback) => (key === 'path' ? path : key in settings ? settings[key] : fallback),
        }),
        createFileSystemWatcher: (glob) => ({ glob }),
        onDidChangeConfiguration: () => ({ dispose() {} }),
      },
      window: { showWarningMessage: (message) => warnings.push(message) },
      commands: { registerCommand: (name) => ({ name, dispose() {} }) },
    },
    'vscode-languageclient/node': {
      TransportKind: { stdio: 0 },
      LanguageClient: class {
        constructor(id, name, server, client) { Object.assign(this, { id, server, client }); }
        async start() { started.push(this); if (startFails) throw new Error('spawn ENOENT'); }
        async stop() {}
      },
    },
  };
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request in stubs ? stubs[request] : load.call(this, request, ...rest);
  };
  const require = createRequire(import.meta.url);
  const main = join(extensionDir, manifest.main);
  delete require.cache[require.resolve(main)];
  try {
    const context = { subscriptions: [] };
    await require(main).activate(context);
    return { started, warnings, context };
  } finally {
    Module._load = load;
  }
}

const normal = await activateWith({ path: '/opt/svcc/bin/svcc', startFails: false });
const server = normal.started[0]?.server?.run;
expect(normal.started.length === 1, 'extension.js: the language client was not started once');
expect(server?.command === '/opt/svcc/bin/svcc' && server.args.join(' ') === 'lsp' && server.transport === 0,
  `extension.js: expected \`/opt/svcc/bin/svcc lsp\` over stdio, found ${JSON.stringify(server)}`);
expect(normal.started[0]?.client?.documentSelector?.every((s) => s.language === 'svc'),
  'extension.js: the client serves documents other than `svc`');
expect(normal.context.subscriptions.length >= 3, 'extension.js: the restart command or its disposables are missing');
expect(JSON.stringify(normal.started[0]?.client?.initializationOptions) === '{"allow":[],"Werror":false}',
  'extension.js: without settings the server gets the default lint policy');
const strict = await activateWith({ path: 'svcc', startFails: false, settings: { 'lint.allow': ['W1005'], 'lint.Werror': true } });
expect(JSON.stringify(strict.started[0]?.client?.initializationOptions) === '{"allow":["W1005"],"Werror":true}',
  'extension.js: `svcc.lint.allow` and `svcc.lint.Werror` must reach the server as initializationOptions');
for (const setting of ['svcc.lint.allow', 'svcc.lint.Werror']) {
  expect(setting in contributes.configuration.properties, `package.json: no \`${setting}\` setting`);
}
const missing = await activateWith({ path: 'svcc', startFails: true });
expect(missing.warnings.length === 1 && missing.warnings[0].includes('svcc lsp'),
  'extension.js: a server that cannot start must give one warning naming `svcc lsp`');

for (const failure of failures) console.error(failure);
console.log(`editors/vscode: manifest, language configuration and client, ${failures.length} failures`);
process.exit(failures.length === 0 ? 0 : 1);
