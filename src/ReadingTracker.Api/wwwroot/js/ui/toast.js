// Toasts in the page's one live region (role=status), so screen readers hear them without focus moving.
import { h } from '../dom.js';

export function toast(message, kind = 'info', { timeout = 5000 } = {}) {
  const region = document.getElementById('toasts');
  const item = h('div', { class: `toast toast-${kind}` }, message);
  region.append(item);
  setTimeout(() => item.remove(), timeout);
}
