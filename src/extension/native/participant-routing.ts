// What a participant in VS Code's Chat does with a request: @backend (and each built-in agent) answers as
// itself; @team routes to any agent by name (custom agents from agentChat.agents included). Follow-ups
// suggest the teammate handed to.
import * as vscode from 'vscode';
import { answerAsAgent, type AgentChatResult, type ParticipantDeps } from './participant-turn';
import { protectedSelectionNote } from '../protected-selection';
import { participantPrompt } from './participant-prompt';
import { followupTarget, routeToAgent } from './team-routing';

/** Answers one request to the participant `name` (an agent's name, or `team`). */
export function answerRequest(
  name: string,
  deps: ParticipantDeps,
  ...[request, context, stream, token]: Parameters<vscode.ChatRequestHandler>
): Promise<AgentChatResult> | AgentChatResult {
  const routed = name === 'team' ? routeToAgent(request.prompt, deps) : { agent: name, text: request.prompt };
  if (!routed) return askForName(stream, deps);
  // A slash command sends the editor's selection (participant-prompt.ts); a protected file's never goes.
  const refused = request.command ? protectedSelectionNote(vscode.window.activeTextEditor, deps.settings().secrets) : undefined;
  if (refused) {
    stream.markdown(refused);
    return { metadata: { agent: routed.agent } };
  }
  return answerAsAgent({ agent: routed.agent, prompt: participantPrompt(request, routed.text), request, context, stream, token }, deps);
}

function askForName(stream: vscode.ChatResponseStream, deps: ParticipantDeps): AgentChatResult {
  const list = deps.team.agents.map((a) => `- **${a.name}**: ${a.description}`).join('\n');
  stream.markdown(`${vscode.l10n.t('Start with the name of the agent who should answer, for example `@team backend: …`. The team:')}\n\n${list}`);
  return { metadata: { agent: 'team' } };
}

/** The teammate the answer handed over to; a built-in one is asked directly, a custom one through @team. */
export function followups(result: AgentChatResult): vscode.ChatFollowup[] {
  const handOff = result.metadata?.handOff;
  if (!handOff) return [];
  const target = followupTarget(handOff);
  return [{ ...target, label: vscode.l10n.t('Ask @{0}: {1}', handOff.agent, handOff.task) }];
}
