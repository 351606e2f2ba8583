// The parts under an answer besides its text: the error card with the action that fits the failure,
// the card that counts down while a rate-limited request waits, and the hand-off chip.
import type { ChatMessageRecord, MessageError } from '../core/protocol/chat-message';
import { agentName } from './agents';
import { el } from './dom';
import { send } from './host';
import { localize } from './localize';

/**
 * A compact card: icon, one-line title, the detail, what to do, and the buttons for the kind of failure
 * (a rejected key: Set API Key / Switch Provider; a rate limit: its countdown and Retry now; else Retry).
 */
export function errorCard(error: MessageError, messageId: string): HTMLElement {
  const { title, detail } = splitSentences(error.message);
  const hint = error.kind === 'auth' ? localize('Store a valid key, or switch to another provider.') : error.hint;
  const waiting = error.kind === 'rateLimited' && error.retryAt !== undefined && error.retryAt > Date.now();
  const retry = () => send({ type: 'retry', messageId });
  const actions = el('div', { class: 'error-actions' });
  if (error.kind === 'auth') {
    actions.append(textButton(localize('Set API Key'), () => send({ type: 'command', command: 'setApiKey' }), 'primary'));
    actions.append(textButton(localize('Switch Provider'), () => send({ type: 'command', command: 'selectModel' })));
  } else if (error.kind === 'modelNotFound') {
    actions.append(textButton(localize('Select Model'), () => send({ type: 'command', command: 'selectModel' }), 'primary'));
    actions.append(textButton(localize('Retry'), retry));
  } else if (waiting) {
    actions.append(textButton(localize('Retry now'), retry, 'primary'));
  } else if (retryHelps(error)) {
    actions.append(textButton(localize('Retry'), retry, 'primary'));
  }
  return el(
    'div',
    { class: 'error', role: 'alert', 'data-error-kind': error.kind },
    el('span', { class: `codicon codicon-${error.kind === 'rateLimited' ? 'watch' : error.kind === 'auth' ? 'key' : 'error'}`, 'aria-hidden': 'true' }),
    el(
      'div',
      { class: 'error-body' },
      el('div', { class: 'error-text' },
        el('div', { class: 'error-message' }, el('span', { class: 'error-title' }, title), detail ? el('span', { class: 'error-detail' }, ` ${detail}`) : ''),
        hint && !waiting ? el('div', { class: 'error-hint' }, ` ${hint}`) : '',
      ),
      waiting ? countdown(error.retryAt!, (s) => localize('Retry in {0} s.', s)) : '',
      actions.childElementCount ? actions : '',
    ),
  );
}

/** While a failed request waits to be sent again: the reason, the countdown with the attempt, Retry now and Cancel. */
export function retryCard(messageId: string, retryAt: number, reason: string, attempt: number, maxAttempts: number | undefined): HTMLElement {
  const card = el('div', { class: 'error retry-card', role: 'status', 'data-error-kind': 'retrying' });
  card.append(
    el('span', { class: 'codicon codicon-watch', 'aria-hidden': 'true' }),
    el(
      'div',
      { class: 'error-body' },
      el('div', { class: 'error-title' }, reason),
      countdown(retryAt, (s) => (maxAttempts ? localize('Retrying in {0} s… · attempt {1} of {2}', s, attempt, maxAttempts) : localize('Retrying in {0} s… · attempt {1}', s, attempt)), 'retry-notice', card),
      el('div', { class: 'error-actions' },
        textButton(localize('Retry now'), () => send({ type: 'retry', messageId }), 'primary'),
        textButton(localize('Cancel'), () => send({ type: 'stop' })),
      ),
    ),
  );
  return card;
}

/** Whether an answer that failed this way can usefully be sent again as it is. */
export function retryHelps(error: MessageError | undefined): boolean {
  return error?.kind !== 'auth';
}

/**
 * "→ @qa · cover the 400 path" while the hand-off is on offer: Run now / Dismiss, or with a countdown
 * (`countdownSeconds` > 0, for offers made while the page was open) that runs it unless cancelled.
 */
export function handOffChip(record: ChatMessageRecord, countdownSeconds = 0): HTMLElement | undefined {
  const offer = record.handOff;
  if (!offer || offer.state !== 'offered') return undefined;
  const run = () => decide({ type: 'runHandOff', messageId: record.id });
  const dismiss = () => decide({ type: 'dismissHandOff', messageId: record.id });
  const group = el(
    'div',
    { class: 'handoff-offer', role: 'group', 'aria-label': localize('Suggested hand-off to @{0}', offer.agent) },
    el('span', { class: 'handoff-chip' },
      el('span', { class: 'codicon codicon-arrow-right', 'aria-hidden': 'true' }),
      agentName(offer.agent, 'handoff-agent'),
      el('span', { class: 'handoff-separator', 'aria-hidden': 'true' }, '·'),
      el('span', { class: 'handoff-task', title: offer.task }, offer.task),
    ),
  );
  if (countdownSeconds > 0) {
    const at = Date.now() + countdownSeconds * 1000;
    group.append(countdown(at, (s) => localize('Runs in {0} s', s), 'handoff-countdown'), textButton(localize('Run now'), run, 'primary'), textButton(localize('Cancel'), dismiss));
    setTimeout(() => {
      if (group.isConnected) run();
    }, at - Date.now());
  } else {
    group.append(textButton(localize('Run now'), run, 'primary'), textButton(localize('Dismiss'), dismiss));
  }
  return group;
}

/**
 * A line counting down to `at` ("Retrying in 3 s…"); at zero it removes itself (or `removeWith`, the card
 * it belongs to), and it stops when it leaves the page (the answer went on): nothing stale is left behind.
 */
export function countdown(at: number, text: (seconds: number) => string, className = 'countdown', removeWith?: HTMLElement): HTMLElement {
  const line = el('div', { class: className, role: 'timer', 'aria-live': 'off' });
  const tick = () => {
    const left = Math.ceil((at - Date.now()) / 1000);
    if (left <= 0) return (removeWith ?? line).remove();
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

export function textButton(label: string, onClick: () => void, kind = 'secondary'): HTMLButtonElement {
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
