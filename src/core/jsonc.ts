// VS Code's own settings-like files (mcp.json, .code-workspace) are JSON with comments and trailing
// commas. Reading them needs only that much on top of JSON.parse, not a parser of its own.

/** Parses JSON with `//` and `/* *\/` comments and trailing commas; throws like JSON.parse on anything else. */
export function parseJsonc(text: string): unknown {
  return JSON.parse(withoutComments(text));
}

function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else if (c === '}' || c === ']') {
      // A trailing comma: dropped here rather than by a pattern over the text, which would reach into strings.
      out = out.replace(/,(\s*)$/, '$1') + c;
    } else out += c;
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
