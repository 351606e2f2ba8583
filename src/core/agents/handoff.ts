// Hand-off: an answer whose last line is an explicit hand-off line offers the turn to a teammate.
// The syntax is deliberately narrow, so a teammate named in prose, a list or emphasis never starts
// anyone: only a line of its own, last in the answer, of the form `→ @name: task` (ASCII `->` too).

export interface HandOff {
  agent: string;
  /** The task as the agent phrased it, without the arrow and the name. */
  task: string;
}

/** The hand-off line: arrow, one teammate, a colon, the task. Nothing before the arrow, no markup around it. */
const handOffLine = /^(?:→|->)[ \t]*@([A-Za-z][\w-]*)[ \t]*:[ \t]*(\S.*)$/;

/** How the prompts describe the syntax to the agents (one place, so the prompt and the parser agree). */
export const handOffInstructions = [
  'To hand work to a teammate, end your answer with one line of its own, outside code, in exactly this form:',
  '→ @name: the concrete task',
  'for example "→ @qa: cover the 400 and 500 paths". The user sees it as a suggestion and decides whether to run it.',
  'Mentioning a teammate anywhere else (in a sentence, a list or in bold) does not hand anything over.',
].join('\n');

/**
 * The hand-off offered by `text`'s last line, unless it names someone unknown, the speaker, a teammate
 * already in `chain` (no loops), or the chain is at `maxDepth`.
 */
export function findHandOff(text: string, from: string, agentNames: readonly string[], chain: readonly string[], maxDepth: number): HandOff | undefined {
  if (chain.length > maxDepth) return undefined;
  const last = lastLineOutsideCode(text);
  const match = last === undefined ? null : handOffLine.exec(last);
  if (!match) return undefined;
  const named = match[1]!.toLowerCase();
  const agent = agentNames.find((n) => n.toLowerCase() === named);
  const task = match[2]!.trim();
  if (!agent || agent === from || chain.includes(agent) || !/\w/.test(task)) return undefined;
  return { agent, task };
}

/** The last non-blank line, or undefined when the answer ends inside (or with) a code block. */
function lastLineOutsideCode(text: string): string | undefined {
  const lines = text.replace(/\s+$/, '').split('\n');
  let fenced = false;
  for (const line of lines) if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
  const last = lines.at(-1)?.trim();
  if (fenced || last === undefined || /^(```|~~~)/.test(last)) return undefined;
  return last;
}
