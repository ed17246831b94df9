// Modal dialogs on <dialog>: focus moves in, Escape cancels, focus returns to the opener.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Opens a modal whose body is built by build(close). Resolves with the value passed to close(value),
 * or null on cancel / Escape.
 */
export function openDialog({ title, build, initialFocus }) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const heading = h('h2', { id: `dlg-${Date.now()}` }, title);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': heading.id });
    let settled = false;
    const close = (value = null) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(value);
    };
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(null);
    });
    dialog.append(heading, build(close));
    document.body.append(dialog);
    dialog.showModal();
    const target = initialFocus ? dialog.querySelector(initialFocus) : dialog.querySelector('input, select, textarea, button:not(.btn-secondary)');
    target?.focus();
  });
}

/** A yes/no confirmation in place of window.confirm(); resolves true or false. */
export async function confirmDialog({ title, message, confirmLabel, danger = false }) {
  const result = await openDialog({
    title,
    initialFocus: '.btn-secondary',
    build: (close) => h('div', {},
      h('p', {}, message),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn-secondary', onClick: () => close(false) }, t('common.cancel')),
        h('button', { type: 'button', class: danger ? 'btn-danger' : 'btn-primary', onClick: () => close(true) }, confirmLabel ?? t('common.confirm')))),
  });
  return result === true;
}
