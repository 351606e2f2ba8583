// Entry point of the chat webview: builds the page and applies what the host sends.
// History and New Chat are in the view's title bar (VS Code's own), so the page has no header row; the
// open conversation's title is there too (the view's description), and here for screen readers.
import type { HostToWebview, SetupInfo } from '../core/protocol/messages';
import { initialSnapshotId } from '../core/protocol/script-json';
import { useNumberLocale } from '../core/protocol/usage-text';
import { setTeam } from './agents';
import { ApprovalBar } from './approval-bar';
import { approveWithKeyboard } from './approval-card';
import { Composer } from './composer';
import { ConversationList } from './conversation-list';
import { el } from './dom';
import { EmptyChat } from './empty-chat';
import { loadHighlighterAfterPaint } from './lazy-highlight';
import { loadMarkdownAfterPaint } from './lazy-markdown';
import { ensureIcons } from './lazy-icons';
import { addIconFontAfterLoad } from './icon-font';
import { send } from './host';
import { SetupView } from './setup-view';
import { afterPaint } from './after-load';
import { Transcript } from './transcript';
import { localize } from './localize';
import { MarkdownView } from './markdown';

// Token counts are grouped as VS Code's display language groups them (the host writes it into the page's `lang`).
useNumberLocale(document.documentElement.lang || 'en');
const transcript = new Transcript();
const composer = new Composer();
const approvalBar = new ApprovalBar(transcript.scroller);
const title = el('h1', { class: 'title visually-hidden' }, localize('Agent Chat'));
const setupPanel = new SetupView();
const emptyChat = new EmptyChat((text) => composer.fill(text));
const conversations = new ConversationList();

const app = document.getElementById('app') ?? document.body;
app.append(title, conversations.element, setupPanel.element, emptyChat.element, transcript.element, approvalBar.element, composer.element);

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  apply(event.data);
  emptyChat.show(transcript.isEmpty && !setupPanel.shown);
});
// Capture: Ctrl+Enter approves a waiting change before the message box could take it as Enter.
document.addEventListener('keydown', approveWithKeyboard, true);
send({ type: 'ready', hasSnapshot: showInitialSnapshot() });
emptyChat.show(transcript.isEmpty && !setupPanel.shown);
// The message box takes the focus once the first screen is painted (unless something else has it by then):
// focusing lays the page out, in the script's run ahead of the first paint otherwise.
afterPaint(() => {
  if (document.activeElement === document.body || !document.activeElement) composer.focus();
});
performance.mark('agent-chat:rendered'); // the first render is done (the bench reads the page's timeline)
// Marked and the sanitizer, then the highlighter, and the icon font: all after the page's load event and first
// paint (VS Code shows the page at that event), the first screen's answers plain till then.
loadMarkdownAfterPaint(app);
loadHighlighterAfterPaint(transcript.scroller);
addIconFontAfterLoad();
// When VS Code focuses the view ("Focus Chat", clicking its title), typing goes to the message box
// unless the user had put focus somewhere in the page.
window.addEventListener('focus', () => {
  if (document.activeElement === document.body || !document.activeElement) composer.focus();
});

function apply(msg: HostToWebview): void {
  switch (msg.type) {
    case 'snapshot':
      title.textContent = msg.conversation.title;
      setTeam(msg.agents);
      ensureIcons(msg.agents.map((a) => a.icon));
      composer.setAgents(msg.agents, msg.defaultAgent);
      composer.setModel(msg.model);
      emptyChat.setAgents(msg.agents);
      transcript.handOffCountdownSeconds = msg.handOffCountdownSeconds ?? 0;
      showSetup(msg.setup);
      transcript.reset(msg.messages, msg.hasOlder);
      composer.usage.show(msg.usage);
      composer.setBusy(msg.messages.some((m) => m.status === 'streaming'));
      return approvalBar.refresh();
    case 'olderMessages':
      return transcript.prepend(msg.messages, msg.hasOlder);
    case 'messageAdded':
      showSetup(undefined);
      if (msg.message.role === 'user') composer.messageShown(msg.message.text);
      return transcript.add(msg.message);
    case 'textDelta':
      return transcript.appendText(msg.messageId, msg.seq, msg.text);
    case 'toolCallUpdated':
      transcript.setToolCall(msg.messageId, msg.toolCall);
      return approvalBar.refresh();
    case 'toolCallsUpdated':
      transcript.setToolCalls(msg.messageId, msg.toolCalls);
      return approvalBar.refresh();
    case 'together':
      // Painted once, after all of them (a question, its answer's placeholder and first text: one frame).
      return transcript.together(() => msg.messages.forEach(apply));
    case 'toolOutput':
      return transcript.appendToolOutput(msg.messageId, msg.toolCallId, msg.text);
    case 'messageCompleted':
      transcript.complete(msg.message);
      return approvalBar.refresh();
    case 'retrying':
      return transcript.view(msg.messageId)?.showRetry(msg.retryAt, msg.reason, msg.attempt, msg.maxAttempts);
    case 'busy':
      return composer.setBusy(msg.busy);
    case 'usage':
      return composer.usage.show(msg.usage);
    case 'conversations':
      title.textContent = msg.items.find((c) => c.id === msg.activeId)?.title ?? title.textContent;
      return conversations.show(msg.items, msg.activeId, msg.open);
    case 'setup':
      composer.setModel(msg.model);
      return showSetup(msg.setup);
    case 'activeFile':
      return composer.setActiveFile(msg.path);
    case 'error':
      return composer.showNote([msg.error.message, msg.error.hint].filter(Boolean).join(' '));
    case 'attachmentAdded':
      return composer.chips.add(msg.attachment);
    case 'fileMatches':
      return composer.references.showFiles(msg.query, msg.paths);
  }
}

/**
 * Shows the snapshot the host wrote into the page, so the conversation appears without a round trip.
 * False when there is none or it cannot be shown: the host then sends one.
 */
function showInitialSnapshot(): boolean {
  const data = document.getElementById(initialSnapshotId)?.textContent;
  if (!data) return false;
  try {
    const parsed = JSON.parse(data) as HostToWebview;
    if (parsed.type !== 'snapshot') return false;
    // The first screen shows its answers' text plainly; their Markdown follows right after it is painted.
    transcript.afterFirstPaint(MarkdownView.plainWhile(() => apply(parsed)));
    return true;
  } catch {
    return false; // Whatever went wrong, the host's own snapshot replaces what was half shown.
  }
}

function showSetup(setup: SetupInfo | undefined): void {
  setupPanel.show(setup);
  composer.setSetupNeeded(setup !== undefined);
}
