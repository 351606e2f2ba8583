// The toolbar above each code block, and what its buttons ask of the host. Buttons carry no listeners:
// the message's root element handles all clicks (see MarkdownView), so thousands of blocks cost nothing.
import { el } from '../dom';
import { localize } from '../localize';

/** What rendered Markdown asks the host to do; all of it only ever after a click. */
export type MarkdownAction =
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  | { type: 'applyCode'; code: string; path: string }
  | { type: 'openLink'; href: string }
  | { type: 'openFile'; path: string };

const buttons = [
  { action: 'copy', label: localize('Copy'), icon: 'copy' },
  { action: 'insert', label: localize('Insert at Cursor'), icon: 'insert' },
  { action: 'apply', label: localize('Apply to File'), icon: 'go-to-file' },
] as const;

/** Puts a toolbar into every `.md-code` block of a freshly rendered fragment. */
export function addCodeToolbars(root: DocumentFragment): void {
  for (const block of root.querySelectorAll<HTMLElement>('.md-code')) {
    const path = block.dataset.path;
    const lang = /language-(\S+)/.exec(block.querySelector('code')?.className ?? '')?.[1] ?? '';
    // A label naming a file opens it (a button like the others: the root's listener handles the click).
    const label = path
      ? el('button', { type: 'button', class: 'md-code-label file-link', 'data-md-action': 'open', title: localize('Open {0}', path) }, path)
      : el('span', { class: 'md-code-label' }, lang);
    // Shown only when lines are cut off (see code-overflow.ts): the hint that there is more, and the way to see it.
    const wrap = el(
      'button',
      { class: 'icon-button md-code-action md-code-wrap', type: 'button', 'data-md-action': 'wrap', 'aria-label': localize('Wrap Long Lines'), 'aria-pressed': 'false', title: localize('Some lines are cut off: scroll sideways, or wrap them') },
      el('span', { class: 'codicon codicon-word-wrap', 'aria-hidden': 'true' }),
    );
    const bar = el('div', { class: 'md-code-toolbar' }, label, wrap);
    for (const b of buttons) {
      if (b.action === 'apply' && !path) continue;
      const title = b.action === 'apply' ? `${b.label}: ${path}` : b.label;
      bar.append(
        el(
          'button',
          { class: 'icon-button md-code-action', type: 'button', 'data-md-action': b.action, 'aria-label': b.label, title },
          el('span', { class: `codicon codicon-${b.icon}`, 'aria-hidden': 'true' }),
        ),
      );
    }
    block.prepend(bar);
  }
}

/** The action a click on a toolbar button means, if it was one. */
export function codeAction(target: Element): MarkdownAction | undefined {
  const button = target.closest<HTMLElement>('button[data-md-action]');
  const block = button?.closest<HTMLElement>('.md-code');
  if (!button || !block) return undefined;
  // textContent of the highlighted code is exactly the code: highlight.js only wraps it in spans.
  const code = block.querySelector('pre')?.textContent ?? '';
  const action = button.dataset.mdAction;
  if (action === 'copy') return { type: 'copyCode', code };
  if (action === 'insert') return { type: 'insertCode', code };
  const path = block.dataset.path;
  if (action === 'open' && path) return { type: 'openFile', path };
  return action === 'apply' && path ? { type: 'applyCode', code, path } : undefined;
}
