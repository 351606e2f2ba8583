// @ts-check
// `npm test`: lint, type-check, build, then the unit, webview, VS Code integration and E2E suites.
//
//   node test/run-all.mjs [step name ...]     (no names: every step, in order)
//
// What is counted (see README, "Testing"):
// - Steps (lint, type-check, build, compile tests, install vscode host, package) pass or fail; they are listed
//   in the summary and never counted as tests.
// - Suites report exact counts through $AGENT_CHAT_TEST_COUNTS (a JSON file written by the mocha reporter in
//   test/counting-reporter.ts, or by run-integration.mjs), never parsed from their log. Tests titled
//   `[harness]` check the test machinery itself and are counted apart, as harness checks.
// - A suite that reports no counts, or runs fewer tests than its stated minimum, fails as a step.
// - The closing line counts test cases: "N passed, M failed[, K skipped]". M also counts each failed step (as
//   one) and each failed harness check, named in brackets, so that a red run always shows failed ≥ 1 (and
//   exits non-zero).
// - Every step has a time limit; a step that overruns is killed (its whole process group) and fails by name.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ tests: Counts, harness: Counts, failures: string[], skipped: string[] }} RunCounts
 * @typedef {object} Step
 * @property {string} name
 * @property {string} cmd
 * @property {number} minutes  time limit
 * @property {boolean} [required]  later steps are meaningless without it: stop when it fails
 * @property {string} [clean]  folder removed before the step runs
 * @property {number} [minTests]  a suite: reports counts, and must run (pass or fail) at least this many tests
 * @typedef {{ step: Step, ok: boolean, seconds: number, problem?: string, counts?: RunCounts }} Outcome
 */

// AGENT_CHAT_STEP_TIMEOUT_SCALE multiplies every limit (e.g. 2 on a slow CI runner).
const scale = Number(process.env.AGENT_CHAT_STEP_TIMEOUT_SCALE ?? '1') || 1;

/** @type {Step[]} */
const steps = [
  { name: 'lint', cmd: 'npm run --silent lint', minutes: 10 },
  { name: 'type-check', cmd: 'npm run --silent typecheck', minutes: 10 },
  { name: 'build', cmd: 'npm run --silent build', minutes: 5, required: true },
  // From an empty out/, so that a deleted or renamed test never runs from a stale compiled copy.
  { name: 'compile tests', cmd: 'npm run --silent compile-tests', minutes: 10, required: true, clean: 'out' },
  // Minimums: the suite's size when last raised, less a small margin; raise them when you add tests.
  { name: 'unit', cmd: 'npx mocha --config test/unit/.mocharc.json', minutes: 15, minTests: 235 },
  // VS Code (code-server's build), Node 24 and Chromium for the suites below; seconds when cached.
  { name: 'install vscode host', cmd: 'node test/vscode-host/install.mjs', minutes: 30, required: true },
  { name: 'webview', cmd: 'npx mocha --config test/webview/.mocharc.json', minutes: 20, minTests: 65 },
  { name: 'vscode integration', cmd: 'node test/vscode-host/run-integration.mjs', minutes: 15, minTests: 10 },
  // Again with the folder untrusted (Restricted Mode must take the change tools away): only the tests whose
  // outcome depends on trust, tagged [trust]; the rest ran once above.
  { name: 'vscode restricted', cmd: 'node test/vscode-host/run-integration.mjs --trust --grep "[trust]"', minutes: 15, minTests: 3 },
  // Again on a virtual folder (memfs, served from memory by test/vscode-virtual-extension): no shell behind it, so
  // run_command must not be offered; only the tests tagged [virtual], which no other run declares.
  { name: 'vscode virtual', cmd: 'node test/vscode-host/run-integration.mjs --virtual --grep "[virtual]"', minutes: 10, minTests: 3 },
  // The E2E suite installs this VSIX into VS Code once, so what we ship is what we test.
  { name: 'package', cmd: 'npm run --silent package', minutes: 5 },
  { name: 'e2e', cmd: 'npx mocha --config test/e2e/.mocharc.json', minutes: 60, minTests: 20 },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !steps.some((s) => s.name === name));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are: ${steps.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const selected = steps.filter((s) => !wanted.length || wanted.includes(s.name));
const countsDir = mkdtempSync(join(tmpdir(), 'agent-chat-counts-'));
/** @type {Outcome[]} */
const outcomes = [];
/** @type {{ name: string, stop: () => void } | undefined} */
let current;

// Ctrl-C or a CI cancel: stop the running step's process group and still print what was learnt.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    current?.stop();
    finish(`interrupted by ${signal} during ${current?.name ?? 'no step'}`);
  });
}

for (const step of selected) {
  const outcome = await runStep(step);
  outcomes.push(outcome);
  if (!outcome.ok && step.required) {
    console.log(`\n${step.name} failed; the steps after it cannot run.`);
    break;
  }
}
finish();

/**
 * Runs one step with its time limit and judges it.
 * @param {Step} step
 * @returns {Promise<Outcome>}
 */
async function runStep(step) {
  console.log(`\n=== ${step.name}: ${step.cmd}`);
  if (step.clean) rmSync(step.clean, { recursive: true, force: true });
  const countsFile = join(countsDir, `${step.name.replace(/\W+/g, '-')}.json`);
  const started = Date.now();
  const { code, timedOut } = await run(step, { AGENT_CHAT_TEST_COUNTS: countsFile });
  const seconds = (Date.now() - started) / 1000;
  if (timedOut) return { step, ok: false, seconds, problem: `timed out after ${step.minutes * scale} min` };
  if (step.minTests === undefined) return { step, ok: code === 0, seconds, ...(code === 0 ? {} : { problem: `exit code ${code}` }) };
  const counts = readCounts(countsFile);
  if (!counts) return { step, ok: false, seconds, problem: `reported no test counts (exit code ${code})` };
  const ran = counts.tests.passed + counts.tests.failed;
  const failed = counts.tests.failed + counts.harness.failed;
  /** @type {string | undefined} */
  let problem;
  if (ran < step.minTests) problem = `ran ${ran} tests, expected at least ${step.minTests}`;
  else if (code !== 0 && failed === 0) problem = `exit code ${code} without a failed test`;
  return { step, ok: problem === undefined && code === 0, seconds, counts, ...(problem ? { problem } : {}) };
}

/**
 * @param {string} file
 * @returns {RunCounts | undefined}
 */
function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Runs `step.cmd` in its own process group, showing its output as it comes; kills the group at the time limit.
 * @param {Step} step
 * @param {Record<string, string>} env
 * @returns {Promise<{ code: number, timedOut: boolean }>}
 */
function run(step, env) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, { shell: true, detached: true, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let timedOut = false;
    const stop = () => {
      signalGroup(child.pid, 'SIGTERM');
      // Whatever ignores SIGTERM (a wedged browser) goes 10 s later.
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 10_000).unref();
    };
    current = { name: step.name, stop };
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`\n=== ${step.name}: no end after ${step.minutes * scale} min; stopping it`);
      stop();
    }, step.minutes * scale * 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ code: code ?? (signal ? 128 : 1), timedOut });
    });
  });
}

/**
 * @param {number | undefined} pid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pid, signal) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Prints the summary and the closing line, and exits: non-zero when anything failed.
 * @param {string} [interruption]
 */
function finish(interruption) {
  rmSync(countsDir, { recursive: true, force: true });
  const lines = summaryLines();
  const total = totals();
  const notRun = selected.filter((s) => !outcomes.some((o) => o.step === s)).map((s) => s.name);
  if (notRun.length) lines.push(`not run: ${notRun.join(', ')}`);
  if (interruption) {
    lines.push(interruption);
    total.otherFailures.push({ count: 1, label: 'interrupted' });
  }
  const failed = total.tests.failed + total.otherFailures.reduce((n, f) => n + f.count, 0);
  const labels = [total.tests.failed ? `${total.tests.failed} test(s)` : '', ...total.otherFailures.map((f) => f.label)].filter(Boolean);
  const why = total.otherFailures.length ? ` (${labels.join('; ')})` : '';
  console.log(`\n=== summary\n${lines.join('\n')}\n`);
  console.log(`${total.tests.passed} passed, ${failed} failed${why}${total.tests.skipped ? `, ${total.tests.skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

/** One line per step: its verdict, and for a suite its test counts and harness checks. */
function summaryLines() {
  return outcomes.map(({ step, ok, seconds, problem, counts }) => {
    const head = `${step.name.padEnd(20)} ${(ok ? 'ok' : 'FAILED').padEnd(7)} ${`${seconds.toFixed(1)} s`.padStart(8)}`;
    const parts = [];
    if (counts) {
      parts.push(`tests ${counts.tests.passed} passed, ${counts.tests.failed} failed, ${counts.tests.skipped} skipped`);
      const h = counts.harness;
      if (h.passed + h.failed + h.skipped) parts.push(`harness checks ${h.passed} passed, ${h.failed} failed`);
      if (step.minTests !== undefined) parts.push(`minimum ${step.minTests}`);
    }
    if (problem) parts.push(problem);
    const skipped = (counts?.skipped ?? []).map((t) => `\n${' '.repeat(22)}skipped: ${t}`).join('');
    return `${head}  ${parts.join('; ')}${skipped}`;
  });
}

/** Test counts over every suite, and the failures that are not tests of the product (steps, harness checks). */
function totals() {
  const tests = { passed: 0, failed: 0, skipped: 0 };
  /** @type {{ count: number, label: string }[]} */
  const otherFailures = [];
  for (const { step, ok, problem, counts } of outcomes) {
    if (counts) {
      tests.passed += counts.tests.passed;
      tests.failed += counts.tests.failed;
      tests.skipped += counts.tests.skipped;
      const h = counts.harness.failed;
      if (h) otherFailures.push({ count: h, label: `${h} harness check(s) in ${step.name}` });
    }
    // A failed step, or a suite that failed for a reason other than its tests (minimum, crash, time limit).
    if (!ok && (problem || !counts)) otherFailures.push({ count: 1, label: `step ${step.name}${problem ? `: ${problem}` : ''}` });
  }
  return { tests, otherFailures };
}
