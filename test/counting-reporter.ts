// Mocha's spec reporter, plus the run's exact counts written as JSON to $AGENT_CHAT_TEST_COUNTS (when set) for
// test/run-all.mjs, so that the runner never has to read counts out of the printed log.
// Used by the unit, webview and e2e .mocharc files: `"reporter": "./out/test/counting-reporter.js"`.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { countRun, countsLine, HARNESS_TAG } from './counting';

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const counts = countRun(runner);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const result = counts();
      if (result.harness.passed + result.harness.failed + result.harness.skipped > 0) {
        // The spec reporter's totals include them; say how many of those were harness checks.
        Mocha.reporters.Base.consoleLog(`  of which harness checks (${HARNESS_TAG}): ${countsLine(result.harness)}\n`);
      }
      const file = process.env.AGENT_CHAT_TEST_COUNTS;
      if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    });
  }
}

export = CountingSpecReporter;
