// The note the chat shows under an answer that ended for a reason other than finishing or calling tools.
import { inEnglish, type Translate } from '../protocol/translate';
import type { StopReason } from '../providers/types';

/**
 * Undefined for the ordinary ends (and for `max_tokens`, which the chat shows with its own Continue
 * button). Everything else must not look like a complete answer.
 */
export function stopNotice(reason: StopReason, vendorReason?: string, t: Translate = inEnglish): string | undefined {
  switch (reason) {
    case 'refusal':
      return t('The model declined to answer this (refusal). Rephrase the request, or ask another agent.');
    case 'content_filter':
      return t("The provider's content filter stopped this answer (content_filter); the text before it is kept.");
    case 'context_window':
      return t("The answer stopped because the conversation filled the model's context window. Start a new chat, or pick a model with a larger context window.");
    case 'pause_turn':
      return undefined; // The turn resumes at once as another round (agent-turn.ts), which notes it if the round limit stops it.
    case 'other':
      return t('The answer ended for a reason Agent Chat does not know ({0}); it may be incomplete.', vendorReason ?? t('unknown'));
    case 'end':
    case 'tool_use':
    case 'max_tokens':
    case 'cancelled':
      return undefined;
  }
}
