// Points the extension at a fake Anthropic server for one suite: the settings, and the key in the
// environment (the tests run in the extension host's own process, so the extension sees it). Everything
// is put back afterwards.
import * as vscode from 'vscode';
import { startFakeServer, type FakeServer } from '../fakes/server';

/** Registers the suite's before/after hooks; returns a getter for the running server. */
export function useFakeAnthropic(): () => FakeServer {
  let server: FakeServer | undefined;
  const config = () => vscode.workspace.getConfiguration('agentChat');
  const settings = (s?: FakeServer) => ({ provider: s && 'anthropic', 'anthropic.baseUrl': s?.url, 'anthropic.model': s && 'claude-sonnet-4-6' });

  before(async () => {
    server = await startFakeServer('anthropic');
    process.env.ANTHROPIC_API_KEY = 'sk-ant-integration-test';
    for (const [key, value] of Object.entries(settings(server))) await config().update(key, value, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of Object.keys(settings())) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  return () => {
    if (!server) throw new Error('the fake Anthropic server is not running');
    return server;
  };
}
