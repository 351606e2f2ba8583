/*
 * Integration tests: mocha running INSIDE a real VS Code extension host, with the real `vscode` API.
 *
 * This module is the extension test entry (`extensionTestsPath` = out/test/vscode/index.js): VS Code loads it
 * into the extension host after activating nothing, and calls `run()`; a rejected promise is a failed run.
 * Every `out/test/vscode/**\/*.test.js` file is a suite. Build first: `npm run build` (the extension, dist/)
 * and `npm run compile-tests` (tsc into out/).
 *
 * Two hosts run the very same suite, chosen by test/vscode-host/run-integration.mjs:
 *
 * 1. Web host (default; works offline). VS Code 1.139.1's own server from the `code-server` npm package,
 *    under Node 24 (both installed into .vscode-test/offline/ by test/vscode-host/install.mjs), opened in
 *    Chromium (apt) by playwright-core with a smoke-test-driver payload naming the extension and this entry.
 *    The extension runs in the *remote* (Node) extension host, as it would over SSH or in Codespaces.
 *    Console output reaches the runner through `codeAutomationLog`, the exit code through `codeAutomationExit`.
 * 2. Desktop host: `@vscode/test-electron` launches desktop VS Code when `VSCODE_EXECUTABLE` points at one
 *    (or `AGENT_CHAT_TEST_HOST=electron`, which lets test-electron download VS Code: needs internet).
 *
 * Either way the runner prints one machine-readable line at the end:
 *     vscode-integration: <passed> passed, <failed> failed, <skipped> skipped
 * counting tests of the product only; harness checks (titles tagged [harness], see test/counting.ts) follow on
 * the same line. The line is printed here (through the console) and the counts are also written as JSON to
 * $AGENT_CHAT_TEST_RESULTS when the runner sets it. `.only` is refused (forbidOnly), as in every mocha run.
 *
 * Environment seen by tests: the server's/VS Code's environment, e.g. AGENT_CHAT_TEST_HOST ('web' or
 * 'electron') and AGENT_CHAT_TEST_TRUST ('disabled' when workspace trust is switched off, else 'enabled').
 * AGENT_CHAT_TEST_GREP keeps only the tests whose full title contains it (literally, e.g. `[trust]`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { countRun, countsLine, emptyCounts, type RunCounts } from '../counting';

export interface RunSummary extends RunCounts {
  /** Each failure with its error, for the runner's log. */
  errors: { title: string; error: string }[];
  durationMs: number;
}

export const SUMMARY_PREFIX = 'vscode-integration:';
/** Printed when the run starts; the web runner shows the log from here on. */
export const START_LINE = `${SUMMARY_PREFIX} starting`;

export function summaryLine(s: Pick<RunSummary, 'tests' | 'harness'>): string {
  return `${SUMMARY_PREFIX} ${countsLine(s.tests)}; harness checks: ${countsLine(s.harness)}`;
}

/** All compiled suites below this folder, in a stable order. */
function testFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(root, f))
    .sort();
}

export function run(): Promise<void> {
  // The reporter logs printf-style (`'%s passing', n`); the web host forwards console arguments unformatted.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  // Generous: a busy 2-core machine can be many times slower than a laptop; no test asserts a duration.
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec', forbidOnly: true });
  const grep = process.env.AGENT_CHAT_TEST_GREP;
  // A title substring, taken literally: mocha would read a string such as "[trust]" as a regular expression.
  if (grep) mocha.grep(new RegExp(grep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const files = testFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  console.log(`${START_LINE} (${files.length} test file(s), host ${process.env.AGENT_CHAT_TEST_HOST ?? 'unknown'}, VS Code ${vscodeVersion()})`);

  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    const errors: RunSummary['errors'] = [];
    try {
      const runner = mocha.run(() => {
        const summary: RunSummary = { ...counts(), errors, durationMs: Date.now() - started };
        report(summary);
        const failed = summary.tests.failed + summary.harness.failed;
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else resolve();
      });
      const counts = countRun(runner);
      runner.on('fail', (test, err: unknown) => {
        errors.push({ title: test.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      });
    } catch (err) {
      // A suite that throws while loading, or a `.only` refused by forbidOnly.
      const title = 'loading test files';
      const tests = { ...emptyCounts(), failed: 1 };
      report({ tests, harness: emptyCounts(), failures: [title], skipped: [], errors: [{ title, error: String(err) }], durationMs: 0 });
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function vscodeVersion(): string {
  try {
    // Loaded lazily so that this entry has no hard dependency on the API module at import time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return 'unknown';
  }
}

function report(summary: RunSummary): void {
  console.log(summaryLine(summary));
  const file = process.env.AGENT_CHAT_TEST_RESULTS;
  if (file) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    } catch (err) {
      console.error(`could not write ${file}: ${String(err)}`);
    }
  }
}
