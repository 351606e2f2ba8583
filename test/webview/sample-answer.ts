// A deterministic, answer-like Markdown text of at least `length` characters (whole sections): headings, paragraphs, lists,
// tables and fenced code (some with blank lines), repeated with varying numbers.
const sections = [
  (n: number) => `## Step ${n}: configure the service\n\nThe **service** reads \`config.json\` at start-up; see [the docs](https://example.com/docs/${n}) for details.\nA second line of the same paragraph.\n`,
  (n: number) => `- install the package\n- run \`npm test\` (takes ${n} s)\n  - nested item\n- commit\n`,
  (n: number) => `\`\`\`ts src/service-${n}.ts\nexport function start(port = ${3000 + n}): Server {\n  const server = createServer(handler);\n\n  // Blank line above is inside the fence.\n  return server.listen(port);\n}\n\`\`\`\n`,
  (n: number) => `| option | default | meaning |\n|---|:-:|---|\n| port | ${3000 + n} | where it listens |\n| host | 127.0.0.1 | which interface |\n`,
  (n: number) => `> Note ${n}: restart after changing *any* option.\n\n1. stop it\n2. start it again\n\n3. check the log\n`,
  (n: number) => `\`\`\`python\ndef handler(event):\n\n    """Handles one event."""\n\n    return {"ok": True, "n": ${n}}\n\`\`\`\n`,
];

export function sampleAnswer(length: number): string {
  let text = 'Here is how to set it up.\n';
  for (let n = 0; text.length < length; n++) text += `\n${sections[n % sections.length]?.(n) ?? ''}`;
  return text;
}
