// The team in VS Code's Chat: one participant per built-in agent (@backend, …) and @team. They are created at
// activation (VS Code needs them then); what they do lives in the lazily loaded part (participant-routing.ts).
import * as vscode from 'vscode';
import { builtinAgents } from '../../core/agents/builtin';
import type { NativeHandlers } from './handlers';
import type { AgentChatResult } from './participant-turn';

const icons: Record<string, string> = { orchestrator: 'organization', backend: 'server', frontend: 'browser', qa: 'beaker', devops: 'rocket', team: 'people' };

export function registerParticipants(handlers: () => Promise<NativeHandlers>): vscode.Disposable[] {
  const followupProvider: vscode.ChatFollowupProvider = { provideFollowups: async (result) => (await handlers()).followups(result as AgentChatResult) };
  const names = [...builtinAgents.map((a) => a.name), 'team'];
  return names.map((name) => {
    const handler: vscode.ChatRequestHandler = async (...args) => (await handlers()).answer(name, ...args);
    const participant = vscode.chat.createChatParticipant(`agentChat.${name}`, handler);
    participant.iconPath = new vscode.ThemeIcon(icons[name] ?? 'person');
    participant.followupProvider = followupProvider;
    return participant;
  });
}
