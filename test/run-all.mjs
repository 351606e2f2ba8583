// `npm test`: lint, type-check, build, unit tests, the VS Code integration suite and the E2E suite,
// then one closing line "N passed, N failed" that sums all of them.
// Each step's own output is shown as it runs; counts are read from the runners' summaries.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'lint', cmd: 'npx eslint .', kind: 'check' },
  { name: 'type-check', cmd: 'npm run --silent typecheck', kind: 'check' },
  { name: 'build', cmd: 'npm run --silent build', kind: 'check' },
  { name: 'compile tests', cmd: 'npm run --silent compile-tests', kind: 'check' },
  { name: 'unit', cmd: 'npx mocha --config test/unit/.mocharc.json', kind: 'mocha' },
  // VS Code (code-server's build), Node 24 and Chromium for the suites below; seconds when cached.
  { name: 'install vscode host', cmd: 'node test/vscode-host/install.mjs', kind: 'check', required: true },
  { name: 'webview', cmd: 'npx mocha --config test/webview/.mocharc.json', kind: 'mocha' },
  { name: 'vscode integration', cmd: 'node test/vscode-host/run-integration.mjs', kind: 'summary' },
  // Again with the folder untrusted: Restricted Mode must take the change tools away.
  { name: 'vscode restricted', cmd: 'node test/vscode-host/run-integration.mjs --trust', kind: 'summary' },
  // The E2E suite installs this VSIX into VS Code once, so what we ship is what we test.
  { name: 'package', cmd: 'npm run --silent package', kind: 'check' },
  { name: 'e2e', cmd: 'npx mocha --config test/e2e/.mocharc.json', kind: 'mocha' },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const report = [];

for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name}: ${step.cmd}`);
  const started = Date.now();
  const { code, output } = await run(step.cmd);
  const counts = countsOf(step.kind, code, output);
  passed += counts.passed;
  failed += counts.failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  report.push(`${step.name.padEnd(20)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(4)} failed  (${seconds} s)`);
  // A broken build makes every later step meaningless; say so instead of piling up failures.
  if (code !== 0 && (step.name === 'build' || step.name === 'compile tests' || step.required)) {
    console.log(`\n${step.name} failed; stopping here.`);
    break;
  }
}

console.log(`\n=== summary\n${report.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const keep = (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
      // Only the tail matters for the summary; keep memory bounded for long logs.
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function countsOf(kind, code, output) {
  if (kind === 'check') return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  let passed = 0;
  let failed = 0;
  if (kind === 'mocha') {
    passed = Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
    failed = Number(/(\d+) failing/.exec(output)?.[1] ?? 0);
  } else {
    const m = [...output.matchAll(/^vscode-integration: (\d+) passed, (\d+) failed/gm)].at(-1);
    passed = Number(m?.[1] ?? 0);
    failed = Number(m?.[2] ?? 0);
  }
  // A runner that crashed or ran nothing is a failure, never a silent pass.
  if (code !== 0 && failed === 0) failed = 1;
  if (code === 0 && passed === 0 && failed === 0) failed = 1;
  return { passed, failed };
}
