import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// Checks the test host itself, so that a broken harness is not mistaken for a broken extension.
describe('test host', () => {
  it('runs with the workspace trust the runner asked for [harness] [trust]', () => {
    // 'disabled': --disable-workspace-trust, everything is trusted. 'enabled': the sample folder was never
    // trusted, so it is in Restricted Mode.
    const expected = process.env.AGENT_CHAT_TEST_TRUST !== 'enabled';
    assert.equal(vscode.workspace.isTrusted, expected);
  });

  it('passes the runner environment to the extension host [harness]', () => {
    assert.ok(['web', 'electron'].includes(process.env.AGENT_CHAT_TEST_HOST ?? ''), `AGENT_CHAT_TEST_HOST=${process.env.AGENT_CHAT_TEST_HOST}`);
  });
});
