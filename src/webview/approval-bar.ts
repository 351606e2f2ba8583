// A bar above the composer while a tool call waits for approval out of sight (scrolled away from):
// Approve / Reject / Show act on it without hunting for the card.
import { el } from './dom';
import { send } from './host';
import { localize } from './localize';

const pendingSelector = '.tool-call[data-tool-status="awaitingApproval"]';

export class ApprovalBar {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private target: HTMLElement | undefined;
  private frame = 0;
  /** Whether the last look found any approval pending: scrolling only costs a look while one does. */
  private anyPending = false;

  constructor(private readonly scroller: HTMLElement) {
    this.label = el('span', { class: 'approval-bar-label' });
    const approve = el('button', { type: 'button', class: 'text-button primary approve' }, localize('Approve'));
    const reject = el('button', { type: 'button', class: 'text-button secondary reject' }, localize('Reject'));
    const show = el('button', { type: 'button', class: 'text-button secondary' }, localize('Show'));
    approve.addEventListener('click', () => this.decide(true));
    reject.addEventListener('click', () => this.decide(false));
    show.addEventListener('click', () => this.show());
    this.element = el(
      'div',
      { class: 'approval-bar', role: 'region', 'aria-label': localize('Waiting for your approval'), hidden: '' },
      el('span', { class: 'codicon codicon-shield', 'aria-hidden': 'true' }),
      this.label,
      approve,
      reject,
      show,
    );
    const onMove = () => {
      if (this.anyPending) this.refresh();
    };
    scroller.addEventListener('scroll', onMove, { passive: true });
    window.addEventListener('resize', onMove);
  }

  /** Re-checks in the next frame (after the transcript painted) whether a pending approval is out of sight. */
  refresh(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private update(): void {
    const pending = [...this.scroller.querySelectorAll<HTMLElement>(pendingSelector)];
    this.anyPending = pending.length > 0;
    this.target = pending.find((p) => !this.visible(p));
    this.element.hidden = !this.target;
    if (!this.target) return;
    const what = this.target.querySelector('.tool-args')?.textContent ?? this.target.querySelector('.tool-name')?.textContent ?? localize('A change');
    this.label.textContent = localize('{0} waits for your approval', what);
    this.label.title = this.label.textContent;
  }

  /** At least partly inside the transcript's viewport (its Approve button, when it has one). */
  private visible(call: HTMLElement): boolean {
    const box = (call.querySelector('.approve') ?? call).getBoundingClientRect();
    const view = this.scroller.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  }

  private decide(approved: boolean): void {
    const id = this.target?.dataset.toolCallId;
    if (id) send({ type: 'approveTool', toolCallId: id, approved });
    this.element.hidden = true;
  }

  private show(): void {
    this.target?.scrollIntoView({ block: 'center' });
    this.target?.querySelector<HTMLElement>('.approve')?.focus();
    this.refresh();
  }
}
