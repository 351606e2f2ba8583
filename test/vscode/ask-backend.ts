// Asks @backend through the extension's own `agentChat.ask` command and returns what the fake Anthropic server was
// sent: for the suites that check which tools the model is offered and what its system prompt tells it.
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/server';

/** The parts of an Anthropic Messages request these suites read. */
export interface AnthropicBody {
  system: string | { text: string }[];
  tools?: { name: string }[];
  messages: { role: string; content: { type: string; text?: string; content?: string; tool_use_id?: string; is_error?: boolean }[] }[];
}

/** The system prompt's text, sent as a string or (with cache breakpoints) as blocks. */
export function systemOf(body: AnthropicBody): string {
  return typeof body.system === 'string' ? body.system : body.system.map((b) => b.text).join('');
}

/** Asks @backend, the server answering with `replies`; returns the answer and the request bodies the server got. */
export async function askBackend<Answer>(server: () => FakeServer, prompt: string, ...replies: Parameters<FakeServer['enqueue']>): Promise<{ answer: Answer; bodies: AnthropicBody[] }> {
  const before = server().chatRequests().length;
  server().enqueue(...replies);
  const answer = await vscode.commands.executeCommand<Answer>('agentChat.ask', { agent: 'backend', prompt });
  const bodies = server().chatRequests().slice(before).map((r) => r.body as AnthropicBody);
  return { answer, bodies };
}
