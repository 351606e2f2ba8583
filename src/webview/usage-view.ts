// What answers cost, shown quietly: a token line under each finished answer (the breakdown on hover and
// focus), the compaction marker (a row that expands to the summary), and in the composer the
// conversation's total and a context meter.
import type { ChatMessageRecord } from '../core/protocol/chat-message';
import type { ConversationUsage } from '../core/protocol/messages';
import { dollars, inputTotal, tokens, usageLine } from '../core/protocol/usage-text';
import { el } from './dom';
import { localize, pageTranslate } from './localize';

/**
 * Brings an answer's usage line (and the `data-*-tokens` attributes tests read) in step with its record.
 * Only a turn's last message carries the turn's usage; a summary record becomes the compaction marker.
 */
export function showAnswerUsage(article: HTMLElement, record: ChatMessageRecord): void {
  article.querySelector(':scope > .usage-line, :scope > .compaction-note')?.remove();
  if (record.compaction) return showMarker(article, record);
  const usage = record.meta?.turnUsage;
  if (!usage || record.status === 'streaming') {
    delete article.dataset.inputTokens;
    delete article.dataset.outputTokens;
    return;
  }
  article.dataset.inputTokens = String(inputTotal(usage));
  article.dataset.outputTokens = String(usage.outputTokens);
  const breakdown = `${usageLine(usage, record.meta?.cost, true, pageTranslate)}${record.meta?.cost === undefined ? localize(' · price unknown') : ''}`;
  const long = record.meta?.model ? localize('Tokens for this answer ({0}): {1}', record.meta.model, breakdown) : localize('Tokens for this answer: {0}', breakdown);
  // The short line, and in its place on hover or keyboard focus the breakdown (cache reads and writes, the price).
  article.append(el('div', { class: 'usage-line', tabindex: '0', title: long, 'aria-label': long },
    el('span', { class: 'usage-short' }, usageLine(usage, record.meta?.cost, false, pageTranslate)),
    el('span', { class: 'usage-breakdown' }, breakdown)));
}

function showMarker(article: HTMLElement, record: ChatMessageRecord): void {
  const c = record.compaction!;
  article.dataset.compaction = 'true';
  const detail = c.messages === 1 ? localize(' · from here on the model reads a summary instead of the 1 message above (you still see them all).') : localize(' · from here on the model reads a summary instead of the {0} messages above (you still see them all).', c.messages);
  const row = el('summary', { class: 'compaction-row' },
    el('span', { class: 'codicon codicon-fold', 'aria-hidden': 'true' }),
    el('span', { class: 'compaction-title' }, localize('Earlier messages summarised')),
    el('span', { class: 'compaction-detail' }, detail));
  article.append(el('div', { class: 'compaction-note', role: 'note' }, el('details', {}, row, el('div', { class: 'compaction-summary' }, c.summary))));
}

/** The composer's corner: the conversation's running total and how full the next request will be. */
export class UsageSummary {
  readonly element: HTMLElement;
  private readonly total: HTMLElement;
  private readonly meter: HTMLElement;

  constructor() {
    this.total = el('span', { class: 'usage-total', tabindex: '0', hidden: '' });
    this.meter = el('span', { class: 'context-meter', role: 'meter', tabindex: '0', 'aria-label': localize('Context used by the next request'), 'aria-valuemin': '0', hidden: '' });
    this.element = el('span', { class: 'usage-summary' }, this.total, this.meter);
  }

  show(usage: ConversationUsage | undefined): void {
    const total = usage?.total;
    this.total.hidden = !total;
    if (total) {
      const cost = usage.cost === undefined ? '' : ` · ${usage.costPartial ? '≥ ' : ''}${dollars(usage.cost)}`;
      const long = localize('This conversation so far: {0}', `${usageLine(total, undefined, true, pageTranslate)}${cost}${usage.costPartial ? localize(' (some answers have no known price)') : ''}`);
      this.total.textContent = localize('Σ {0} tokens', tokens(inputTotal(total) + total.outputTokens, true)) + cost;
      this.total.title = long;
      this.total.setAttribute('aria-label', long);
      this.total.dataset.inputTokens = String(inputTotal(total));
      this.total.dataset.outputTokens = String(total.outputTokens);
    }
    const context = usage?.context;
    this.meter.hidden = !context;
    if (!context) return;
    const share = Math.min(100, Math.round((context.tokens / context.window) * 100));
    const long = localize("Next request ≈ {0} of {1} tokens in the model's window; compacts above {2}.", tokens(context.tokens), tokens(context.window), tokens(context.limit));
    // The word goes in its own span so a narrow sidebar can show just the share.
    this.meter.replaceChildren(`${share}%`, el('span', { class: 'meter-word' }, localize(' context')));
    this.meter.title = long;
    this.meter.setAttribute('aria-valuetext', long);
    this.meter.setAttribute('aria-valuenow', String(context.tokens));
    this.meter.setAttribute('aria-valuemax', String(context.window));
    this.meter.classList.toggle('near-limit', context.tokens >= context.limit * 0.9);
    this.meter.style.setProperty('--share', `${share}%`);
  }
}
