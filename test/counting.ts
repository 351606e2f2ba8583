// Counts one mocha run's test cases exactly, keeping harness checks apart from tests of the product.
//
// A harness check tells us the test machinery works (the workbench loads, the host has the trust we asked
// for) and passes with or without the extension; its title carries HARNESS_TAG. Each test is counted once
// with its final outcome: mocha may report a failure after a pass (an error thrown after `done`), and a
// failing hook counts as a failure of its suite, since the tests under it never ran.
import Mocha from 'mocha';

export const HARNESS_TAG = '[harness]';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface RunCounts {
  /** Tests of the product. */
  tests: Counts;
  /** Harness checks (titles tagged HARNESS_TAG). */
  harness: Counts;
  /** Full titles of what failed (tests, checks and hooks). */
  failures: string[];
  /** Full titles of what was skipped. */
  skipped: string[];
}

type Outcome = 'passed' | 'failed' | 'skipped';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0 };
}

/** Starts counting `runner`'s outcomes; call the returned function once the run has ended. */
export function countRun(runner: Mocha.Runner): () => RunCounts {
  const outcomes = new Map<Mocha.Runnable, Outcome>();
  runner.on(EVENT_TEST_PASS, (test) => {
    if (!outcomes.has(test)) outcomes.set(test, 'passed');
  });
  runner.on(EVENT_TEST_PENDING, (test) => {
    if (!outcomes.has(test)) outcomes.set(test, 'skipped');
  });
  runner.on(EVENT_TEST_FAIL, (runnable) => {
    outcomes.set(runnable, 'failed');
  });
  return () => summarize(outcomes);
}

function summarize(outcomes: Map<Mocha.Runnable, Outcome>): RunCounts {
  const result: RunCounts = { tests: emptyCounts(), harness: emptyCounts(), failures: [], skipped: [] };
  for (const [runnable, outcome] of outcomes) {
    const title = runnable.fullTitle();
    const bucket = title.includes(HARNESS_TAG) ? result.harness : result.tests;
    bucket[outcome]++;
    if (outcome === 'failed') result.failures.push(title);
    if (outcome === 'skipped') result.skipped.push(title);
  }
  return result;
}

/** "N passed, M failed, K skipped" for one group of counts. */
export function countsLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}
