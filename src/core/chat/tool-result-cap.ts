// The one cap every tool result passes before it reaches a model, whatever tool made it (file tools,
// commands, MCP servers): one huge output must not fill the window. It reuses the command output capper.
import { OutputCapper } from '../commands/output';

/** Head and tail kept of a result longer than their sum; today's file tools stay under it. */
export const toolResultCap = { headChars: 60_000, tailChars: 40_000, maxLineChars: 4_000 };

export function capForModel(text: string): string {
  if (text.length <= toolResultCap.headChars + toolResultCap.tailChars) return text;
  const capper = new OutputCapper(toolResultCap);
  capper.push(text);
  return capper.finish();
}
