// run_command in the real workbench, against the fake Anthropic server: @qa runs the sample's tests after Run, the
// output streams into the chat and reaches the model; Reject with a reason; Always allow survives a reload; Stop ends
// every process the command started; a 10 MB output reaches the model capped. Figures are printed, never asserted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bodyOf, drainReplies, toolResult } from './anthropic-requests';
import { answerCount, answers, chatFrame, openChatWhenReady, send, settledAnswer, toolCall, toolCallWithStatus } from './chat-page';
import { activeEditor, reloadWindow, runCommand, useAnthropicWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

const testJs = [
  "console.log('key visible: ' + (process.env.ANTHROPIC_API_KEY ? 'yes' : 'no'));",
  "console.log('ok 1 - greet says hello');",
  // It goes on only once the test has seen the first lines in the chat (it writes go.txt), so "the output arrives
  // before the command ends" does not depend on how fast a loaded machine is (a fixed 2.5 s pause once was not).
  // It goes on anyway after 60 s, so a test that never sees the lines fails on its assertion, not on a hung command.
  "const fs = require('fs'); const started = Date.now();",
  "const wait = () => (fs.existsSync('go.txt') || Date.now() - started > 60000 ? finish() : setTimeout(wait, 50));",
  "const finish = () => { console.log('ok 2 - server listens'); console.log('# pass 2'); };",
  'wait();',
].join('\n');
const bigJs = "const line = 'y'.repeat(99) + '\\n'; let i = 0; const out = () => { while (i < 100000) { i++; if (!process.stdout.write(i + ' ' + line)) return process.stdout.once('drain', out); } console.log('END-OF-BIG'); }; out();";
// A command that starts a second process in the background, and writes both pids (to `file`) and where it runs
// (VS Code's terminal sets TERM_PROGRAM; a child process of the extension host does not have it).
const spawner = (file = 'pids.txt') => `echo "\${TERM_PROGRAM:-none}" > where.txt; sleep 60 & echo $! > ${file}; sh -c 'echo $$ >> ${file}; exec sleep 60'`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The extension's last log line containing `text`, with how long after `since` (epoch ms) it was written: Stop's
 * latency is read from these lines (received from the page, Ctrl+C or the child's end after the abort). The
 * figures go to the report; they are never asserted.
 */
async function loggedAfter(logsDir: string, since: number, text: string): Promise<string> {
  const find = () => {
    const logs = fs.readdirSync(logsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('Agent Chat.log'));
    const lines = logs.flatMap((f) => fs.readFileSync(path.join(logsDir, f), 'utf8').split('\n')).filter((l) => l.includes(text));
    const line = lines.at(-1);
    const stamp = line && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
    const at = stamp ? new Date(`${stamp[1]}T${stamp[2]}`).getTime() : undefined;
    return line && stamp && at !== undefined && at >= since - 1_000 ? { line: line.slice(stamp[0].length).trim(), at } : undefined;
  };
  // VS Code writes the log file a little after the line is logged.
  await waitFor(() => find() !== undefined, 5_000);
  const found = find();
  return found ? `${found.line} — logged ${found.at - since} ms after the click` : `no "${text}" line in the log`;
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) if (check()) return true;
  return check();
}

describe('run_command in the workbench', () => {
  const ws = copySampleWorkspace('commands');
  fs.writeFileSync(ws.file('test.js'), testJs);
  fs.writeFileSync(ws.file('big.js'), bigJs);
  const { wb, server } = useAnthropicWorkbench({ name: 'commands', workspace: ws.dir });
  after(() => ws.remove());

  it('@qa runs the tests after Run: the output streams into the chat, the exit code and output reach the model', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue(
      { tokens: ['Running the tests.'], toolCalls: [{ id: 'toolu_run_tests', name: 'run_command', arguments: { command: 'node test.js' } }] },
      { tokens: ['Both tests pass.'] },
    );
    await send(chat, '@qa Run the sample workspace\'s tests.');
    const card = await toolCallWithStatus(chat, 'toolu_run_tests', 'awaitingApproval');
    assert.equal(await card.getAttribute('data-tool-kind'), 'command');
    assert.equal((await card.locator('.command-line').innerText()).trim(), 'node test.js', 'the exact command');
    assert.equal((await card.locator('.command-folder').innerText()).trim(), 'in .', 'and the folder');
    assert.ok(!fs.existsSync(ws.file('pids.txt')));
    fs.rmSync(ws.file('go.txt'), { force: true });
    await card.getByRole('button', { name: 'Run', exact: true }).click();

    // The first lines show while the command still runs (it waits for go.txt before the rest).
    const running = toolCall(chat, 'toolu_run_tests');
    await running.locator('pre.command-output', { hasText: 'ok 1 - greet says hello' }).waitFor({ state: 'attached' });
    assert.equal(await running.getAttribute('data-tool-status'), 'running', 'output arrives before the command ends');
    fs.writeFileSync(ws.file('go.txt'), '');

    const final = await settledAnswer(chat, first + 1);
    assert.equal(final.text, 'Both tests pass.');
    const done = await toolCallWithStatus(chat, 'toolu_run_tests', 'done');
    assert.match(await done.locator('pre.command-output').innerText(), /ok 2 - server listens/);
    assert.equal(await done.locator('.command-exit').getAttribute('data-exit-code'), '0');

    const requests = server().chatRequests().slice(before);
    assert.equal(requests.length, 2);
    assert.ok(bodyOf(requests[0]).tools?.some((t) => t.name === 'run_command'), 'run_command is offered');
    const result = toolResult(bodyOf(requests[1]), 'toolu_run_tests');
    assert.ok(result, 'the result went back to the model');
    assert.equal(result.isError, false);
    assert.match(result.text, /Exit code: 0 · .* · ran in the Agent Chat terminal/, 'through shell integration, in the terminal the user can see');
    assert.match(result.text, /ok 1 - greet says hello[\s\S]*ok 2 - server listens/);
    assert.match(result.text, /key visible: no/, 'the API key is not in the command\'s environment');
    assert.doesNotMatch(result.text, /\x1b|633;/, 'no escapes or shell-integration marks reach the model');
  });

  it('Reject with a reason runs nothing and tells the model why', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    const reason = 'Do not create files in the project root';
    server().enqueue(
      { toolCalls: [{ id: 'toolu_touch', name: 'run_command', arguments: { command: 'touch rejected.txt' } }] },
      { tokens: ['Understood, nothing created.'] },
    );
    await send(chat, '@devops Create a marker file.');
    const card = await toolCallWithStatus(chat, 'toolu_touch', 'awaitingApproval');
    await card.getByRole('button', { name: 'Reject with feedback…' }).click();
    await card.getByRole('textbox', { name: 'Reason for rejecting' }).fill(reason);
    await card.getByRole('button', { name: 'Reject' }).click();
    await settledAnswer(chat, first + 1);
    assert.ok(!fs.existsSync(ws.file('rejected.txt')), 'the command did not run');
    const result = toolResult(bodyOf(server().chatRequests().slice(before)[1]), 'toolu_touch');
    assert.ok(result?.text.includes(reason), `the reason reached the model: ${result?.text}`);
  });

  it('a command with a denied part never runs and is not asked about (the shell parser found the part)', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue(
      { toolCalls: [{ id: 'toolu_denied', name: 'run_command', arguments: { command: 'touch denied.txt && echo "$(sudo id)"' } }] },
      { tokens: ['That is not allowed here.'] },
    );
    await send(chat, '@devops Check who is root.');
    await settledAnswer(chat, first + 1);
    const call = await toolCallWithStatus(chat, 'toolu_denied', 'error');
    assert.equal(await call.getByRole('button', { name: 'Run', exact: true }).count(), 0);
    assert.ok(!fs.existsSync(ws.file('denied.txt')), 'no part of it ran');
    const result = toolResult(bodyOf(server().chatRequests().slice(before)[1]), 'toolu_denied');
    assert.match(result?.text ?? '', /Not run: .*`sudo id` matches the deny pattern `sudo`/);
  });

  it('Always allow is remembered for the workspace, across a window reload', async () => {
    const { page } = wb();
    let chat = await chatFrame(page);
    let first = await answerCount(chat);
    server().enqueue(
      { toolCalls: [{ id: 'toolu_always_1', name: 'run_command', arguments: { command: 'node --version' } }] },
      { tokens: ['Node is there.'] },
    );
    await send(chat, '@devops Which Node version is installed?');
    const card = await toolCallWithStatus(chat, 'toolu_always_1', 'awaitingApproval');
    await card.getByRole('button', { name: 'Always allow' }).click();
    await settledAnswer(chat, first + 1);

    await reloadWindow(page);
    chat = await openChatWhenReady(page);
    first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue(
      { toolCalls: [{ id: 'toolu_always_2', name: 'run_command', arguments: { command: 'node --version' } }] },
      { tokens: ['Still there.'] },
    );
    await send(chat, '@devops And now?');
    await settledAnswer(chat, first + 1);
    const result = toolResult(bodyOf(server().chatRequests().slice(before)[1]), 'toolu_always_2');
    assert.match(result?.text ?? '', /Exit code: 0[\s\S]*v\d+\./, 'it ran without asking');
  });

  it('Stop during a command that started a child ends every process and the answer is interrupted', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    fs.rmSync(ws.file('pids.txt'), { force: true });
    server().enqueue({ toolCalls: [{ id: 'toolu_sleep', name: 'run_command', arguments: { command: spawner() } }] }, { tokens: ['unused'] });
    await send(chat, '@devops Wait a minute.');
    const card = await toolCallWithStatus(chat, 'toolu_sleep', 'awaitingApproval');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    const pids = () => (fs.existsSync(ws.file('pids.txt')) ? fs.readFileSync(ws.file('pids.txt'), 'utf8').split('\n').filter(Boolean).map(Number) : []);
    assert.ok(await waitFor(() => pids().length === 2 && pids().every(alive), 30_000), 'both processes started');
    const stop = chat.getByRole('button', { name: 'Stop' });
    await stop.waitFor({ state: 'visible' });
    const clicked = Date.now();
    await stop.click();
    assert.ok(await waitFor(() => !pids().some(alive), 10_000), `every process ended: ${pids().filter(alive).join(', ')} still alive`);
    const where = fs.readFileSync(ws.file('where.txt'), 'utf8').trim() === 'vscode' ? 'the Agent Chat terminal (shell integration)' : 'a child process';
    console.log(`      Stop: all ${pids().length} pids gone ${Date.now() - clicked} ms after the click on Stop, in ${where}`);
    const logsDir = wb().server.logsDir;
    for (const text of ['Stop received from the chat page', where === 'a child process' ? 'the child process and its group ended' : 'Ctrl+C sent']) {
      console.log(`      Stop, the extension's log: ${await loggedAfter(logsDir, clicked, text)}`);
    }
    await settledAnswer(chat, first, 'interrupted');
    await drainReplies(server());
  });

  it('a command past its timeoutSeconds is ended with everything it started, and the model is told it timed out', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    fs.rmSync(ws.file('timeout-pids.txt'), { force: true });
    server().enqueue(
      { toolCalls: [{ id: 'toolu_timeout', name: 'run_command', arguments: { command: spawner('timeout-pids.txt'), timeoutSeconds: 10 } }] },
      { tokens: ['It took too long.'] },
    );
    await send(chat, '@devops Wait a minute, but not longer than 10 seconds.');
    const card = await toolCallWithStatus(chat, 'toolu_timeout', 'awaitingApproval');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    // 10 s, not less: on a loaded machine the terminal's shell may take seconds to start the command.
    const pids = () => (fs.existsSync(ws.file('timeout-pids.txt')) ? fs.readFileSync(ws.file('timeout-pids.txt'), 'utf8').split('\n').filter(Boolean).map(Number) : []);
    assert.ok(await waitFor(() => pids().length === 2, 30_000), 'both processes started');
    const final = await settledAnswer(chat, first + 1);
    assert.equal(final.text, 'It took too long.');
    const result = toolResult(bodyOf(server().chatRequests().slice(before)[1]), 'toolu_timeout');
    assert.match(result?.text ?? '', /^Timed out after 10 s and was ended/, `the model is told: ${result?.text}`);
    assert.ok(await waitFor(() => !pids().some(alive), 5_000), `every process ended: ${pids().filter(alive).join(', ')} still alive`);
  });

  it('a 10 MB output reaches the model within the cap, and the page\'s Open full output shows all of it', async function () {
    this.timeout(660_000);
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue(
      // The terminal path moves 10 MB through VS Code's terminal, which takes minutes on a loaded machine.
      { toolCalls: [{ id: 'toolu_big', name: 'run_command', arguments: { command: 'node big.js', timeoutSeconds: 900 } }] },
      { tokens: ['That was a lot of output.'] },
    );
    await send(chat, '@devops Print a lot.');
    const card = await toolCallWithStatus(chat, 'toolu_big', 'awaitingApproval');
    const clicked = Date.now();
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    // Printing 10 MB takes a while (about half a minute here): wait for the next round before reading it.
    await answers(chat).nth(first + 1).waitFor({ state: 'attached', timeout: 600_000 });
    await settledAnswer(chat, first + 1);
    console.log(`      10 MB output: ${Date.now() - clicked} ms from Run to the answer`);
    const result = toolResult(bodyOf(server().chatRequests().slice(before)[1]), 'toolu_big');
    assert.ok(result, 'the result went back');
    assert.ok(result.text.length < 20_000, `the model's share is capped (${result.text.length} characters)`);
    assert.match(result.text, /^1 y{99}$/m, 'the head is kept');
    assert.match(result.text, /END-OF-BIG/, 'the tail is kept');
    assert.match(result.text, /lines \(.* MB\) left out/, 'with a note of what was left out');
    const shown = (await toolCall(chat, 'toolu_big').locator('pre.command-output').innerText()).length;
    assert.ok(shown <= 200_000, `the chat shows a bounded part (${shown} characters)`);

    // The middle, which neither the model's share nor the chat holds, is in the editor Open full output opens.
    assert.doesNotMatch(result.text, /^50000 y/m);
    await toolCall(chat, 'toolu_big').getByRole('button', { name: 'Open full output' }).click();
    const editor = activeEditor(page);
    // An untitled editor is named after its first line: waited for by its content instead.
    await editor.locator('.view-line', { hasText: 'y'.repeat(40) }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await editor.locator('.view-lines').first().click({ position: { x: 5, y: 5 } });
    for (const [line, matches] of [['50000 ' + 'y'.repeat(99), /^1 of 1$/], ['END-OF-BIG', /^1 of 1$/], ['1 ' + 'y'.repeat(99), /^1 of \d/]] as const) {
      await page.keyboard.press('Control+F');
      const find = editor.locator('.find-widget.visible');
      await find.locator('textarea, input').first().fill(line);
      const count = find.locator('.matchesCount');
      await count.filter({ hasText: /\d+ of \d+|No results/ }).waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await count.innerText()).trim(), matches, `the full output holds "${line.slice(0, 12)}…"`);
      await page.keyboard.press('Escape');
    }
    await runCommand(page, 'View: Revert and Close Editor');
  });
});
