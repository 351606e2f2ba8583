// How many lines a change adds and removes, for the chat's "src/app.ts +5 −0". Lines are matched as a
// multiset (no alignment): exact for the edits agents make (replace a block, add or drop lines) and linear
// in the text, which matters for whole-file rewrites.
import type { ProposedChange } from './types';

export interface DiffStat {
  path: string;
  added: number;
  removed: number;
}

export function diffStat(change: Pick<ProposedChange, 'path' | 'before' | 'after'>): DiffStat {
  const before = lines(change.before);
  const after = lines(change.after);
  const left = new Map<string, number>();
  for (const line of before) left.set(line, (left.get(line) ?? 0) + 1);
  let kept = 0;
  for (const line of after) {
    const n = left.get(line) ?? 0;
    if (n > 0) {
      left.set(line, n - 1);
      kept++;
    }
  }
  return { path: change.path, added: after.length - kept, removed: before.length - kept };
}

function lines(text: string | undefined): string[] {
  if (!text) return [];
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}
