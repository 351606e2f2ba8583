// Long conversations for the real-VS-Code bench, written straight into the extension's history folder
// (`<user-data-dir>/User/globalStorage/agent-chat.agent-chat/history/w-<hash>/`) while the window is open.
// The extension's store re-reads index.json on every list(), so a seeded conversation shows up in the
// conversation list at once, and is the "most recent" one for a window that opens after it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigConversation } from '../../test/unit/history/helpers';

/** The history folder of the (only) workspace this server opened; waits for the extension to create it. */
export async function historyFolder(userDataDir: string, timeoutMs = 30_000): Promise<string> {
  const storage = join(userDataDir, 'User', 'globalStorage', 'agent-chat.agent-chat', 'history');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = existsSync(storage)
      ? readdirSync(storage)
          .map((key) => join(storage, key))
          .filter((dir) => existsSync(join(dir, 'index.json')))
      : [];
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw new Error(`more than one Agent Chat history folder: ${found.join(', ')}`);
    if (Date.now() > deadline) throw new Error(`no Agent Chat history folder under ${storage}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Writes a conversation of `count` messages (ids m0…, alternating question and answer) and returns its id. */
export function seedConversation(folder: string, count: number, textSize = 300): Promise<string> {
  return bigConversation(folder, count, textSize);
}

/** The final text the host stored for a message (its last `completed` record), or undefined. */
export function storedText(folder: string, messageId: string): string | undefined {
  const needle = `"id":"${messageId}"`;
  let text: string | undefined;
  for (const f of readdirSync(folder)) {
    if (!f.endsWith('.jsonl')) continue;
    const body = readFileSync(join(folder, f), 'utf8');
    if (!body.includes(needle)) continue;
    for (const line of body.split('\n')) {
      if (!line.includes(needle) || !line.includes('"t":"completed"')) continue;
      const rec = JSON.parse(line) as { t: string; message?: { id: string; text: string } };
      if (rec.t === 'completed' && rec.message?.id === messageId) text = rec.message.text;
    }
  }
  return text;
}
