// Runs one fake provider on its own, so Agent Chat can be tried by hand without keys or network:
//   node out/test/fakes/cli.js --vendor anthropic --port 4010 [--text "Hello"] [--token-delay 30] [--first-byte-delay 200]
// Every chat request gets the same answer, streamed word by word.
import { parseArgs } from 'node:util';
import type { Vendor } from './script';
import { defaultModels, startFakeServer } from './server';

const defaultText = (vendor: Vendor) => `Hello! I'm a **fake ${vendor}** model, answering from a local test server.

Nothing you type reaches a real provider, so this is a safe place to try the chat UI: streaming, markdown and code blocks.

Here is a small example:

\`\`\`ts
function greet(name: string): string {
  return \`Hello, \${name}!\`;
}
\`\`\`

- Lists render too.
- So does \`inline code\`.

Ask me anything; I'll say this again. 🙂`;

const usage = 'usage: node out/test/fakes/cli.js --vendor anthropic|openai|ollama [--port 4010] [--text "..."] ' +
  '[--token-delay 30] [--first-byte-delay 200] [--api-key KEY]';

function number(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

/** Words with their trailing whitespace, so joining the tokens gives back the text exactly. */
function words(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [text];
}

function howTo(vendor: Vendor, url: string): string {
  switch (vendor) {
    case 'anthropic':
      return `Anthropic SDK: new Anthropic({ apiKey: 'any', baseURL: '${url}' })\n` +
        `Agent Chat: set the Anthropic base URL setting to ${url} (any API key works unless --api-key is given).`;
    case 'openai':
      return `OpenAI SDK: new OpenAI({ apiKey: 'any', baseURL: '${url}/v1' })\n` +
        `Agent Chat: set the OpenAI base URL setting to ${url}/v1 (any API key works unless --api-key is given).`;
    case 'ollama':
      return `Ollama: new Ollama({ host: '${url}' })\nAgent Chat: set "agentChat.ollama.host" to ${url}.`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vendor: { type: 'string', default: 'anthropic' },
      port: { type: 'string', default: '4010' },
      text: { type: 'string' },
      'token-delay': { type: 'string', default: '30' },
      'first-byte-delay': { type: 'string', default: '200' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const vendor = values.vendor;
  if (vendor !== 'anthropic' && vendor !== 'openai' && vendor !== 'ollama') throw new Error(`unknown --vendor "${vendor}"\n${usage}`);
  const server = await startFakeServer(vendor, { port: number('port', values.port), apiKey: values['api-key'] });
  server.setDefault({
    tokens: words(values.text ?? defaultText(vendor)),
    tokenDelayMs: number('token-delay', values['token-delay']),
    firstByteDelayMs: number('first-byte-delay', values['first-byte-delay']),
  });
  console.log(`Fake ${vendor} provider listening on ${server.url}`);
  console.log(`Models: ${defaultModels[vendor].join(', ')}`);
  console.log(howTo(vendor, server.url));
  console.log('Press Ctrl+C to stop.');
  let seen = 0;
  const timer = setInterval(() => {
    for (const r of server.requests.slice(seen)) console.log(`${new Date().toISOString()} ${r.method} ${r.path}`);
    seen = server.requests.length;
  }, 250);
  process.once('SIGINT', () => {
    clearInterval(timer);
    server.close().then(() => process.exit(0), () => process.exit(1));
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
