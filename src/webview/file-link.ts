// A workspace file named in the chat (a tool call, an approval, a change summary) as a link that opens it.
import { el } from './dom';
import { send } from './host';
import { localize } from './localize';

export function fileLink(path: string, line?: number): HTMLButtonElement {
  const link = el('button', { type: 'button', class: 'file-link', title: localize('Open {0}', path) }, path);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation(); // inside a <summary>, a click would also fold or unfold
    send({ type: 'openFile', path, ...(line ? { line } : {}) });
  });
  return link;
}

/** A tool call's arguments as far as they parse (they stream in as JSON text). */
export function toolArgs(argumentsText: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(argumentsText);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
