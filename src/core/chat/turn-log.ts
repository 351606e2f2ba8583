// One log line per finished turn: model, outcome, rounds, tool calls, first token, tokens and rate.
import type { Logger } from '../log';
import type { ChatMessageRecord } from '../protocol/chat-message';

export function logTurn(log: Logger, agent: string, rounds: ChatMessageRecord[]): void {
  const last = rounds.at(-1)!;
  const m = last.meta;
  const tools = rounds.reduce((n, r) => n + (r.toolCalls?.length ?? 0), 0);
  const out = m?.usage?.outputTokens;
  const streamMs = (m?.durationMs ?? 0) - (m?.firstTokenMs ?? 0);
  const rate = out && streamMs > 0 ? `, ${Math.round((out / streamMs) * 1000)} tokens/s` : '';
  log.info(
    `${m?.provider}/${m?.model} @${agent}: ${last.status}, ${rounds.length} round(s), ${tools} tool call(s), first token ${rounds[0]?.meta?.firstTokenMs ?? '-'} ms, ${out ?? '?'} tokens out${rate}`,
  );
}
