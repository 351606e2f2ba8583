// A tool result in one short line: the first line of what the model was told, which is English (a summary is in
// the user's language). For the log, and for a teammate's actions quoted to the next agent.

export function firstLine(text: string, max = 300): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
