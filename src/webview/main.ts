// Entry point of the chat webview: builds the page and applies what the host sends.
import type { HostToWebview, SetupInfo } from '../core/protocol/messages';
import { initialSnapshotId } from '../core/protocol/script-json';
import { Composer } from './composer';
import { ConversationList } from './conversation-list';
import { button, el } from './dom';
import { send } from './host';
import { Transcript } from './transcript';

const transcript = new Transcript();
const composer = new Composer();
const title = el('h1', { class: 'title' }, 'Agent Chat');
const setupPanel = el('section', { class: 'setup', hidden: '', 'aria-label': 'Set up Agent Chat' });
const conversations = new ConversationList();
const header = el(
  'header',
  { class: 'chat-header' },
  title,
  button('Conversations', 'history', () => conversations.toggle()),
  button('New Chat', 'add', () => send({ type: 'newChat' })),
);

document.getElementById('app')?.append(header, conversations.element, setupPanel, transcript.element, composer.element);

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => apply(event.data));
send({ type: 'ready', hasSnapshot: showInitialSnapshot() });
composer.focus();
// When VS Code focuses the view ("Focus Chat", clicking its title), typing goes to the message box
// unless the user had put focus somewhere in the page.
window.addEventListener('focus', () => {
  if (document.activeElement === document.body || !document.activeElement) composer.focus();
});

function apply(msg: HostToWebview): void {
  switch (msg.type) {
    case 'snapshot':
      title.textContent = msg.conversation.title;
      composer.setAgents(msg.agents, msg.defaultAgent);
      composer.setModel(msg.model);
      showSetup(msg.setup);
      transcript.reset(msg.messages, msg.hasOlder);
      composer.setBusy(msg.messages.some((m) => m.status === 'streaming'));
      return;
    case 'olderMessages':
      return transcript.prepend(msg.messages, msg.hasOlder);
    case 'messageAdded':
      showSetup(undefined);
      return transcript.add(msg.message);
    case 'textDelta':
      return transcript.appendText(msg.messageId, msg.seq, msg.text);
    case 'toolCallUpdated':
      return transcript.view(msg.messageId)?.setToolCall(msg.toolCall);
    case 'messageCompleted':
      return transcript.complete(msg.message);
    case 'retrying':
      return showRetry(msg.messageId, msg.retryAt, msg.reason);
    case 'busy':
      return composer.setBusy(msg.busy);
    case 'conversations':
      title.textContent = msg.items.find((c) => c.id === msg.activeId)?.title ?? title.textContent;
      return conversations.show(msg.items, msg.activeId);
    case 'setup':
      composer.setModel(msg.model);
      return showSetup(msg.setup);
    case 'error':
      return showSetup({ reason: msg.error.message, steps: msg.error.hint ? [msg.error.hint] : [] });
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
    apply(parsed);
    return true;
  } catch {
    return false; // Whatever went wrong, the host's own snapshot replaces what was half shown.
  }
}

function showSetup(setup: SetupInfo | undefined): void {
  setupPanel.hidden = !setup;
  if (!setup) return setupPanel.replaceChildren();
  setupPanel.replaceChildren(
    el('h2', {}, setup.reason),
    el('ol', {}, ...setup.steps.map((s) => el('li', {}, s))),
    el(
      'div',
      { class: 'setup-actions' },
      el('button', { type: 'button', class: 'primary', id: 'setup-key' }, 'Set API Key'),
      el('button', { type: 'button', id: 'setup-model' }, 'Select Model'),
    ),
  );
  setupPanel.querySelector('#setup-key')?.addEventListener('click', () => send({ type: 'command', command: 'setApiKey' }));
  setupPanel.querySelector('#setup-model')?.addEventListener('click', () => send({ type: 'command', command: 'selectModel' }));
}

/** Shows a countdown on the waiting answer until the next attempt goes out. */
function showRetry(messageId: string, retryAt: number, reason: string): void {
  const view = transcript.view(messageId);
  if (!view) return;
  let notice = view.element.querySelector<HTMLElement>('.retry-notice');
  if (!notice) {
    notice = el('div', { class: 'retry-notice', role: 'status' });
    view.element.append(notice);
  }
  const tick = () => {
    const left = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
    if (!notice?.isConnected) return;
    notice.textContent = left > 0 ? `${reason} Retrying in ${left} s…` : 'Retrying…';
    if (left > 0) setTimeout(tick, 250);
    else setTimeout(() => notice?.remove(), 1500);
  };
  tick();
}
