// The VS Code side of svcc's editor support: highlighting and brackets are declarative
// (package.json, language-configuration.json, syntaxes/), this file only starts the
// `svcc lsp` language server over stdio for `svc` documents and restarts it on request.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverCommand() {
  const configured = vscode.workspace.getConfiguration('svcc').get('path', 'svcc');
  return configured.trim() === '' ? 'svcc' : configured;
}

async function start() {
  if (!vscode.workspace.getConfiguration('svcc').get('lsp.enabled', true)) return;
  const executable = { command: serverCommand(), args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient('svcc', 'svcc language server', { run: executable, debug: executable }, {
    documentSelector: [
      { scheme: 'file', language: 'svc' },
      { scheme: 'untitled', language: 'svc' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.svc') },
    // The project's `svcc lint --allow … --Werror` policy, so the editor reports what CI does.
    initializationOptions: {
      allow: vscode.workspace.getConfiguration('svcc').get('lint.allow', []),
      Werror: vscode.workspace.getConfiguration('svcc').get('lint.Werror', false),
    },
  });
  try {
    await client.start();
  } catch (error) {
    // An svcc without `lsp` (or none on PATH) must not take highlighting down with it.
    const message = error instanceof Error ? error.message : String(error);
    client = undefined;
    vscode.window.showWarningMessage(
      `svcc: could not start \`${serverCommand()} lsp\` (${message}); highlighting still works. ` +
      'Set `svcc.path` to an svcc that has the `lsp` command, or `svcc.lsp.enabled` to false.');
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('svcc.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('svcc')) return;
      await stop();
      await start();
    }),
    { dispose: () => stop() },
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
