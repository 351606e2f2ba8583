// Translates conversations between our provider shape (core ChatMessage) and VS Code's language-model
// messages, in both directions: VS Code's chat → our vendors, and our chat → VS Code's models.
import * as vscode from 'vscode';
import type { ChatMessage, ToolCall, ToolDefinition } from '../../core/providers/types';

/** VS Code's messages (as a provider receives them) as ours. A tool-result part becomes a `tool` message. */
export function fromLmMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const m of messages) {
    const text = m.content.filter((p) => p instanceof vscode.LanguageModelTextPart).map((p) => p.value).join('');
    if (m.role === vscode.LanguageModelChatMessageRole.Assistant) {
      const toolCalls: ToolCall[] = m.content
        .filter((p) => p instanceof vscode.LanguageModelToolCallPart)
        .map((p) => ({ id: p.callId, name: p.name, arguments: asArguments(p.input) }));
      for (const c of toolCalls) toolNames.set(c.id, c.name);
      out.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
      continue;
    }
    for (const part of m.content) {
      if (part instanceof vscode.LanguageModelToolResultPart) {
        out.push({ role: 'tool', toolCallId: part.callId, toolName: toolNames.get(part.callId) ?? 'tool', content: resultText(part.content) });
      }
    }
    if (text) out.push({ role: 'user', content: text });
  }
  return out;
}

/** Our conversation as VS Code's messages. VS Code has no system role, so the system prompt leads the first user turn. */
export function toLmMessages(system: string | undefined, messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  if (system) out.push(vscode.LanguageModelChatMessage.User(system));
  for (const m of messages) {
    if (m.role === 'user') out.push(vscode.LanguageModelChatMessage.User(m.content));
    else if (m.role === 'tool') {
      const part = new vscode.LanguageModelToolResultPart(m.toolCallId, [new vscode.LanguageModelTextPart(m.isError ? `Error: ${m.content}` : m.content)]);
      out.push(vscode.LanguageModelChatMessage.User([part]));
    } else {
      const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] = [];
      if (m.content) parts.push(new vscode.LanguageModelTextPart(m.content));
      for (const c of m.toolCalls ?? []) parts.push(new vscode.LanguageModelToolCallPart(c.id, c.name, c.arguments));
      if (parts.length) out.push(vscode.LanguageModelChatMessage.Assistant(parts));
    }
  }
  return out;
}

export function toLmTools(tools: readonly ToolDefinition[] | undefined): vscode.LanguageModelChatTool[] | undefined {
  return tools?.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
}

export function fromLmTools(tools: readonly vscode.LanguageModelChatTool[] | undefined): ToolDefinition[] | undefined {
  if (!tools?.length) return undefined;
  return tools.map((t) => ({ name: t.name, description: t.description, inputSchema: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} } }));
}

/** The text of a tool result's parts (text parts as they are; anything else as JSON). */
export function resultText(content: readonly unknown[]): string {
  return content
    .map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : typeof p === 'string' ? p : JSON.stringify(p)))
    .join('');
}

function asArguments(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/** A rough token count (about four characters a token), good enough for budgeting, never for billing. */
export function estimateTokens(text: string | vscode.LanguageModelChatRequestMessage): number {
  const chars =
    typeof text === 'string'
      ? text.length
      : text.content.reduce<number>((n, p) => n + (p instanceof vscode.LanguageModelTextPart ? p.value.length : JSON.stringify(p ?? '').length), 0);
  return Math.ceil(chars / 4);
}
