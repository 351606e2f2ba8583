// Where Anthropic's prompt cache breakpoints go: the tool list, the system prompt, and the last two
// user turns (the API allows four). The request before this one wrote the cache up to its last user
// turn, which is this request's second-to-last: a tool loop or a follow-up re-reads that prefix
// at the cache price, and this request writes the longer one for the next.
import type Anthropic from '@anthropic-ai/sdk' with { 'resolution-mode': 'import' };

type Params = Anthropic.MessageCreateParamsStreaming;
type Block = Anthropic.ContentBlockParam;

export const maxBreakpoints = 4;
const ephemeral = { type: 'ephemeral' } as const;

/** Marks the breakpoints on `params` in place. */
export function addCacheBreakpoints(params: Params): void {
  const tools = params.tools;
  const lastTool = tools?.[tools.length - 1];
  if (lastTool) tools![tools!.length - 1] = { ...lastTool, cache_control: ephemeral } as typeof lastTool;
  if (typeof params.system === 'string' && params.system) {
    params.system = [{ type: 'text', text: params.system, cache_control: ephemeral }];
  }
  const used = (lastTool ? 1 : 0) + (Array.isArray(params.system) ? 1 : 0);
  const turns = Math.min(2, maxBreakpoints - used);
  let marked = 0;
  for (let i = params.messages.length - 1; i >= 0 && marked < turns; i--) {
    const message = params.messages[i]!;
    if (message.role === 'user' && Array.isArray(message.content) && mark(message.content)) marked++;
  }
}

/** Puts the breakpoint on the last block that may carry one; false when there is none. */
function mark(blocks: Block[]): boolean {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.type === 'text' || block.type === 'tool_result' || block.type === 'image' || block.type === 'document') {
      blocks[i] = { ...block, cache_control: ephemeral };
      return true;
    }
  }
  return false;
}
