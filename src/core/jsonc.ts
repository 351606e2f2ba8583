// VS Code's own settings-like files (mcp.json, .code-workspace) are JSON with comments and trailing
// commas. Reading them needs only that much on top of JSON.parse, not a parser of its own.

/** Parses JSON with `//` and `/* *\/` comments and trailing commas; throws like JSON.parse on anything else. */
export function parseJsonc(text: string): unknown {
  return JSON.parse(withoutComments(text.replace(/^\uFEFF/, ''))); // Editors on Windows often write a byte-order mark.
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
      if (i < 0) throw new SyntaxError('Unterminated comment in JSON');
      i++;
      out += ' '; // A comment separates what is on either side of it.
    } else if (c === '}' || c === ']') {
      out = withoutTrailingComma(out) + c;
    } else out += c;
  }
  return out;
}

/** Drops a comma that only whitespace separates from the end (a trailing comma before a closing bracket). */
function withoutTrailingComma(out: string): string {
  let j = out.length - 1;
  while (j >= 0 && /\s/.test(out[j]!)) j--;
  return out[j] === ',' ? out.slice(0, j) + out.slice(j + 1) : out;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
