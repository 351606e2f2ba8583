// The compact diff VS Code's confirmation shows for a proposed change: only the lines that differ, bounded.
// No VS Code API here (the caller passes the translated "more lines" note), so it is tested on plain Node.

const maxDiffLines = 80;

/** The lines that differ between the two texts (common start and end left out), as -/+ lines; '' when equal. */
export function compactDiff(before: string, after: string, moreLines: (count: number) => string): string {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines = [`@@ line ${start + 1} @@`, ...a.slice(start, endA).map((l) => `- ${l}`), ...b.slice(start, endB).map((l) => `+ ${l}`)];
  if (lines.length === 1) return '';
  const cut = lines.length - maxDiffLines;
  return cut > 0 ? [...lines.slice(0, maxDiffLines), moreLines(cut)].join('\n') : lines.join('\n');
}
