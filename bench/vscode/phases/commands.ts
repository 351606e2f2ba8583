// commands (BENCH_QUICK only): the 10 MB run_command once, on the child-process path, in the bench's own window
// (a quick run opens it with AGENT_CHAT_COMMANDS_IN_PROCESS=1), instead of bench/command-output.ts opening a
// window of its own: that second workbench start was a sixth of a quick run. A full run keeps the separate
// windows, one per path (the terminal path needs a window without the variable).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigJs, figuresFor, oneRun, printRun } from '../../command-output';
import { Figures } from '../figures';
import type { Session } from '../session';

export async function commandsPhase(s: Session, workspace: string): Promise<Figures> {
  writeFileSync(join(workspace, 'big.js'), bigJs);
  const sample = await oneRun(s.wb, s.fake, 0);
  printRun('process', 0, sample);
  const f = new Figures();
  for (const figure of figuresFor('process', [sample])) f.add(figure.name, figure.value, figure.unit, figure.budget, figure.runs);
  return f;
}
