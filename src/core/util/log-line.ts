// A tool result as the log shows it: the first line of what the model was told, which is English like the log
// (a summary is in the user's language), and short.

export function firstLine(text: string, max = 300): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
