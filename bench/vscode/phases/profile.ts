// Where the extension host's time goes while streaming: a CPU profile of one paced and one fast answer
// (a diagnostic printed after the figures, not a figure; BENCH_PROFILE_DIR=dir also writes the raw profiles).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, table } from '../../stats';
import { summarizeProfile } from '../exthost';
import { words, type Counts } from '../plan';
import type { Session } from '../session';

async function profileOne(s: Session, label: string, tokens: string[], delay: number): Promise<string[]> {
  await s.helper.profileStart();
  await s.ask({ tokens, tokenDelayMs: delay }, `Profiled ${label} answer`);
  const raw = await s.helper.profileStop();
  // BENCH_PROFILE_DIR=dir keeps the whole profile (open it in Chromium's DevTools) for what the summary leaves out.
  const dir = process.env.BENCH_PROFILE_DIR;
  if (dir) writeFileSync(join(dir, `exthost-${label}.cpuprofile`), JSON.stringify(raw));
  const p = summarizeProfile(raw);
  const busy = p.areas.filter(([a]) => a !== 'idle').reduce((n, [, ms]) => n + ms, 0);
  return [
    `\nExtension host CPU profile, ${label} stream of ${tokens.length} tokens: ${fmt(p.totalMs)} ms wall, ${fmt(busy)} ms busy`,
    table(['area (self time)', 'ms', '% of busy'], p.areas.map(([a, ms]) => [a, fmt(ms), a === 'idle' ? '' : fmt((ms / busy) * 100, 1)])),
    table(['top functions (self time)', 'ms'], p.functions.map(([f, ms]) => [f.length > 110 ? `${f.slice(0, 107)}...` : f, fmt(ms)])),
    ...p.callers.map(([f, cs]) => `  ${f}\n${cs.map(([c, ms]) => `      ${fmt(ms)} ms from ${c}`).join('\n')}`),
  ];
}

/** The report's lines, printed at the very end. */
export async function profilePhase(s: Session, c: Counts): Promise<string[]> {
  await s.newChat();
  return [...(await profileOne(s, 'paced', words(c.pacedTokens, 'p'), 5)), ...(await profileOne(s, 'fast', words(c.fastTokens), 0))];
}
