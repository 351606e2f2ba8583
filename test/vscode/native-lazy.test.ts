// Activation parses only the main bundle (the registrations): the chat itself, VS Code's Chat handlers, MCP,
// run_command, the provider adapters and the vendor SDKs are bundles of their own, loaded on first use
// (esbuild.mjs). Checked in the real extension host's module cache right after activation, before any test of
// any file has used the extension (a root-level hook); then a command loads the chat.
import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'agent-chat.agent-chat';
/** The bundles that must not load at activation (each is `require`d on first use). */
const lazyBundles = ['chat.js', 'native-chat.js', 'mcp-hub.js', 'commands.js', 'providers.js'];

let loadedAtActivation: string[] | undefined;

/** Our bundles the extension host has loaded so far, relative to dist/ ("extension.js", "vendor/openai.js", …). */
function loadedBundles(): string[] {
  // The module cache is keyed by real paths; the test host may run the extension from a linked folder.
  const dist = join(realpathSync(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath), 'dist') + sep;
  return Object.keys(require.cache)
    .map((p) => {
      try {
        return realpathSync(p);
      } catch {
        return p;
      }
    })
    .filter((p) => p.startsWith(dist))
    .map((p) => p.slice(dist.length).split(sep).join('/'));
}

// Outside any describe: mocha runs this before the first test of every file, so nothing has used Agent Chat yet.
before(async () => {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  loadedAtActivation = loadedBundles();
});

describe('activation loads only the main bundle', () => {
  it('has loaded dist/extension.js and none of the lazily loaded bundles or vendor SDKs', () => {
    assert.ok(loadedAtActivation, 'the root hook ran');
    assert.ok(loadedAtActivation.includes('extension.js'), `the main bundle is loaded (found: ${loadedAtActivation.join(', ')})`);
    for (const lazy of lazyBundles) assert.ok(!loadedAtActivation.includes(lazy), `${lazy} was loaded at activation`);
    const vendor = loadedAtActivation.filter((p) => p.startsWith('vendor/'));
    assert.deepEqual(vendor, [], 'no vendor SDK or parser at activation');
  });

  it('loads the chat (dist/chat.js) on its first command, which then runs', async () => {
    // Stop with nothing running: a command that needs no UI, and answers only once the chat is there.
    await vscode.commands.executeCommand('agentChat.stop');
    const loaded = loadedBundles();
    assert.ok(loaded.includes('chat.js'), `the chat is its own bundle, loaded by a command (found: ${loaded.join(', ')})`);
  });
});
