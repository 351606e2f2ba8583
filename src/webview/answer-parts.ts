// The parts under an answer besides its text: the error card with the action that fits the failure,
// the hand-off chip (run or dismiss), and the countdown while a rate-limited request waits.
import type { ChatMessageRecord, MessageError } from '../core/protocol/chat-message';
import { el } from './dom';
import { send } from './host';

/** A compact card: one-line title, the detail, what to do, and buttons for the kind of failure. */
export function errorCard(error: MessageError): HTMLElement {
  const { title, detail } = splitSentences(error.message);
  const hint = error.kind === 'auth' ? 'Store a valid key, or switch to another provider.' : error.hint;
  const actions = el('div', { class: 'error-actions' });
  if (error.kind === 'auth') {
    actions.append(textButton('Set API Key', () => send({ type: 'command', command: 'setApiKey' }), 'primary'));
    actions.append(textButton('Switch Provider', () => send({ type: 'command', command: 'selectModel' })));
  } else if (error.kind === 'modelNotFound') {
    actions.append(textButton('Select Model', () => send({ type: 'command', command: 'selectModel' })));
  }
  const card = el(
    'div',
    { class: 'error', role: 'alert', 'data-error-kind': error.kind },
    el('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }),
    el(
      'div',
      { class: 'error-body' },
      el('div', { class: 'error-message' }, el('span', { class: 'error-title' }, title), detail ? el('span', { class: 'error-detail' }, ` ${detail}`) : ''),
      hint && !(error.kind === 'rateLimited' && error.retryAt) ? el('div', { class: 'error-hint' }, ` ${hint}`) : '',
      error.kind === 'rateLimited' && error.retryAt ? countdown(error.retryAt, (s) => `Retry in ${s} s.`) : '',
      actions.childElementCount ? actions : '',
    ),
  );
  return card;
}

/** Whether an answer that failed this way can usefully be sent again as it is. */
export function retryHelps(error: MessageError | undefined): boolean {
  return error?.kind !== 'auth';
}

/** "→ @qa · cover the 400 path" with Run now / Dismiss, while the hand-off is still on offer. */
export function handOffChip(record: ChatMessageRecord): HTMLElement | undefined {
  const offer = record.handOff;
  if (!offer || offer.state !== 'offered') return undefined;
  const run = textButton('Run now', () => decide({ type: 'runHandOff', messageId: record.id }), 'primary');
  const dismiss = textButton('Dismiss', () => decide({ type: 'dismissHandOff', messageId: record.id }));
  return el(
    'div',
    { class: 'handoff-offer', role: 'group', 'aria-label': `Suggested hand-off to @${offer.agent}` },
    el('span', { class: 'handoff-chip' },
      el('span', { class: 'codicon codicon-arrow-right', 'aria-hidden': 'true' }),
      el('span', { class: 'handoff-agent' }, `@${offer.agent}`),
      el('span', { class: 'handoff-separator', 'aria-hidden': 'true' }, '·'),
      el('span', { class: 'handoff-task' }, offer.task),
    ),
    run,
    dismiss,
  );
}

/**
 * A line counting down to `at` ("Retrying in 3 s…"); it removes itself at zero, or when it leaves the
 * page (the answer went on), so no stale countdown is ever left behind.
 */
export function countdown(at: number, text: (seconds: number) => string, className = 'countdown'): HTMLElement {
  const line = el('div', { class: className, role: 'timer', 'aria-live': 'off' });
  const tick = () => {
    const left = Math.ceil((at - Date.now()) / 1000);
    if (left <= 0) return line.remove();
    line.textContent = text(left);
    setTimeout(() => {
      if (line.isConnected) tick();
    }, Math.min(250, at - Date.now()));
  };
  tick();
  return line;
}

/** The chip goes once decided: the message box takes the focus, rather than the page losing it. */
function decide(message: { type: 'runHandOff' | 'dismissHandOff'; messageId: string }): void {
  send(message);
  document.querySelector<HTMLElement>('.composer .input')?.focus();
}

function textButton(label: string, onClick: () => void, kind = 'secondary'): HTMLButtonElement {
  const b = el('button', { type: 'button', class: `text-button ${kind}` }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** "A (HTTP 529). B said: C" → title "A (HTTP 529)." and detail "B said: C." (each a whole sentence). */
function splitSentences(message: string): { title: string; detail: string } {
  const end = message.search(/[.!?]\s/);
  const title = end < 0 ? message : message.slice(0, end + 1);
  const rest = end < 0 ? '' : message.slice(end + 2).trim();
  return { title: sentence(title), detail: rest ? sentence(rest) : '' };
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}
