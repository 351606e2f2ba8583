// Tiny DOM helpers. Text always goes in through textContent, never as HTML.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function button(label: string, icon: string, onClick: () => void, extraClass = ''): HTMLButtonElement {
  const b = el('button', { class: `icon-button ${extraClass}`.trim(), type: 'button', 'aria-label': label, title: label });
  b.append(el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }));
  b.addEventListener('click', onClick);
  return b;
}
