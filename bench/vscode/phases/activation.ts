// activation: activate()'s own time (the extension's export), VS Code's (Running Extensions), the extension
// host log's, and the sizes of the bundles and the VSIX.
import { runCommand } from '../../../test/e2e/harness';
import { median } from '../../stats';
import type { ReleaseBuild } from '../build';
import { activationFromLogs } from '../exthost';
import { Figures } from '../figures';
import { sleep, type Session } from '../session';

export interface ActivationSample {
  activateMs?: number;
  vscodeMs?: number;
  /** Loading extension.js (require and its top-level code), by VS Code's marks around it in the extension host. */
  codeLoadingMs?: number;
  /** activate()'s steps (log, settings, keys and chat, native, registrations), ms each. */
  steps?: Record<string, number>;
}

const agentChatRow = /(?:agent-chat\.agent-chat|Agent Chat)\s[\s\S]{0,120}?Activation: (\d+(?:\.\d+)?)\s*ms/;

/**
 * VS Code's own figure for Agent Chat (code loading + activate call): the "Activation: N ms" of its row in
 * Developer: Show Running Extensions (a development extension's row is titled with its id).
 */
async function runningExtensionsActivation(s: Session): Promise<number | undefined> {
  await runCommand(s.page, 'Developer: Show Running Extensions');
  const editor = s.page.locator('.runtime-extensions-editor').first();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = await editor.innerText({ timeout: 5000 }).catch(() => '');
      const m = agentChatRow.exec(text);
      if (m) return Number(m[1]);
      if (Date.now() > deadline) throw new Error(`no activation time for Agent Chat in Running Extensions: ${text.slice(0, 300)}`);
      // The list is virtual and sorted by activation time: a fast extension may be below the fold.
      if (text) {
        await editor.hover({ timeout: 5000 }).catch(() => undefined);
        await s.page.mouse.wheel(0, 400);
      }
      await sleep(250);
    }
  } finally {
    await runCommand(s.page, 'View: Close Editor').catch(() => undefined);
    if (await editor.isVisible().catch(() => false)) await s.page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }
}

export async function activationSample(s: Session): Promise<ActivationSample> {
  const a = await s.helper.activation(60_000);
  const vscodeMs = await runningExtensionsActivation(s).catch((err: unknown) => {
    s.notes.push(`Running Extensions not read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return undefined;
  });
  return {
    ...(a.activationMs === undefined ? {} : { activateMs: a.activationMs }),
    ...(vscodeMs === undefined ? {} : { vscodeMs }),
    ...(a.codeLoadingMs === undefined ? {} : { codeLoadingMs: a.codeLoadingMs }),
    ...(a.activationSteps ? { steps: a.activationSteps } : {}),
  };
}

/** Each step's median over the samples, as `activation.step.<name>` (where activate()'s time goes). */
function stepFigures(samples: ActivationSample[], f: Figures): void {
  const names = new Set(samples.flatMap((a) => Object.keys(a.steps ?? {})));
  for (const name of names) {
    const values = samples.flatMap((a) => (a.steps?.[name] === undefined ? [] : [a.steps[name]]));
    f.add(`activation.step.${name.replace(/\s+/g, '_')}`, median(values), 'ms', null, values.length);
  }
}

/** Activation figures from every sample taken (the first window, and each reload). */
export function activationFigures(samples: ActivationSample[], logsDir: string): Figures {
  const f = new Figures();
  const own = samples.flatMap((a) => (a.activateMs === undefined ? [] : [a.activateMs]));
  const vscode = samples.flatMap((a) => (a.vscodeMs === undefined ? [] : [a.vscodeMs]));
  if (own.length) f.add('activation.activate', median(own), 'ms', 50, own.length);
  if (vscode.length) f.add('activation.runningExtensions', median(vscode), 'ms', 50, vscode.length);
  const loading = samples.flatMap((a) => (a.codeLoadingMs === undefined ? [] : [a.codeLoadingMs]));
  if (loading.length) f.add('activation.codeLoading', median(loading), 'ms', null, loading.length);
  stepFigures(samples, f);
  // Each sample, so that a noisy run shows as one.
  if (samples.length > 1) console.log(`  activation samples (activate / code loading / Running Extensions, ms): ${samples.map((a) => [a.activateMs, a.codeLoadingMs, a.vscodeMs].map((v) => (v === undefined ? '-' : v.toFixed(1))).join(' / ')).join('; ')}`);
  const logs = activationFromLogs(logsDir);
  if (logs.hostMs.length) f.add('activation.hostLog', median(logs.hostMs), 'ms', null, logs.hostMs.length);
  return f;
}

/** What the release build weighs: each bundle, their total, and the VSIX. */
export function sizeFigures(build: ReleaseBuild): Figures {
  const f = new Figures();
  const bundleTotal = Object.values(build.bundles).reduce((a, b) => a + b, 0);
  for (const [file, bytes] of Object.entries(build.bundles)) f.add(`activation.bundle.${file}`, bytes / 1024, 'KiB', null, 1);
  f.add('activation.bundle.total', bundleTotal / 1024, 'KiB', null, 1);
  if (build.vsixBytes !== undefined) f.add('activation.vsix', build.vsixBytes / 1024, 'KiB', 2048, 1);
  return f;
}
