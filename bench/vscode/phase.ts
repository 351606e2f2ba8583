// Runs one bench phase: prints how long it took; a failure is noted (with the workbench's artifacts saved) and
// the bench goes on with the next phase.
import type { Session } from './session';

export async function phase<T>(s: Session, name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    s.notes.push(`${name} failed: ${message}`);
    console.log(`  ${name}: FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s: ${message}`);
    const dir = await s.wb.saveArtifacts(`bench ${name}`).catch(() => undefined);
    if (dir) console.log(`    artifacts: ${dir}`);
    return undefined;
  }
}
