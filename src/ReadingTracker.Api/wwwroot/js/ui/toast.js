// Toasts in the page's one live region (role=status), so screen readers hear them without focus moving.
// Calm by design: the same news updates the toast already showing instead of stacking another one ("3 memos
// saved", not three "Memo saved"), at most two toasts show at once (the oldest gives way), and the stack never
// covers what the reader is editing: it moves to the top of the screen, or, when the editor fills both ends,
// stays out of sight and is only announced.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { coalesce, MAX_TOASTS } from './toast-stack.js';

const DEFAULT_TIMEOUT = 5000;

/** Repeats of these messages are counted in one toast; the count reads in the plural key's words. */
const COUNTED = { 'memo.saved': 'toast.memosSaved' };

const shown = []; // [{ key, count, element, timer }], oldest first

const region = () => document.getElementById('toasts');

function countedKey(message) {
  return typeof message === 'string' ? Object.keys(COUNTED).find((key) => t(key) === message) ?? null : null;
}

/**
 * Shows `message` (text or a node). `key` names the news: a toast with the same key still showing is updated
 * in place (by default the key is the text itself, so a repeat never stacks). `timeout: null` keeps it until
 * the page removes it.
 */
export function toast(message, kind = 'info', { timeout = DEFAULT_TIMEOUT, key } = {}) {
  const counted = countedKey(message);
  if (counted) {
    countToast(counted, 1, (n) => (n === 1 ? message : t(COUNTED[counted], { count: n })), kind, { timeout });
    return;
  }
  show({ key: key ?? (typeof message === 'string' ? message : null), kind, timeout, text: () => message, add: 0 });
}

/** Adds `n` to the count of the toast named `key` (or starts one); `text(total)` words the total. */
export function countToast(key, n, text, kind = 'info', { timeout = DEFAULT_TIMEOUT } = {}) {
  show({ key, kind, timeout, text, add: n });
}

function show({ key, kind, timeout, text, add }) {
  const host = region();
  if (!host) return;
  const { entries, updated, removed } = coalesce(shown, { key, add });
  for (const gone of removed) dismiss(gone);
  const entry = updated ?? entries.at(-1);
  const content = text(entry.count);
  if (updated) {
    entry.element.className = `toast toast-${kind}`;
    entry.element.replaceChildren(content);
  } else {
    entry.element = h('div', { class: `toast toast-${kind}`, dataset: key ? { key } : {} }, content);
    host.append(entry.element);
  }
  shown.splice(0, shown.length, ...entries);
  clearTimeout(entry.timer);
  if (timeout != null) entry.timer = setTimeout(() => dismiss(entry), timeout);
  placeToasts();
}

function dismiss(entry) {
  clearTimeout(entry.timer);
  entry.element?.remove();
  const i = shown.indexOf(entry);
  if (i >= 0) shown.splice(i, 1);
}

/** Removes the toast named `key`, if it is showing. */
export function dismissToast(key) {
  const entry = shown.find((e) => e.key === key);
  if (entry) dismiss(entry);
}

// ---- Placement: never over an open dialog or editor ----

/** What the reader is editing now: an open dialog, the memo editors on the page, the form holding focus. */
function editingAreas() {
  const areas = [...document.querySelectorAll('dialog[open], form.memo-editor, [data-editing]')];
  const focused = document.activeElement?.closest?.('form');
  if (focused) areas.push(focused);
  return areas.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.bottom > 0 && r.top < window.innerHeight);
}

const overlaps = (a, top, bottom) => a.top < bottom && a.bottom > top;

/** Bottom when that is free, else top, else out of sight (still announced by the live region). */
export function placeToasts() {
  const host = region();
  if (!host) return;
  if (!shown.length) {
    delete host.dataset.place;
    return;
  }
  const height = host.getBoundingClientRect().height || 48;
  const margin = 16;
  const areas = editingAreas();
  const fits = (top, bottom) => !areas.some((a) => overlaps(a, top, bottom));
  const vh = window.innerHeight;
  if (fits(vh - height - margin, vh)) host.dataset.place = 'bottom';
  else if (fits(0, height + margin)) host.dataset.place = 'top';
  else host.dataset.place = 'hidden';
}

let frame = 0;
const replace = () => {
  if (frame || !shown.length) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    placeToasts();
  });
};
for (const name of ['focusin', 'focusout', 'scroll', 'resize']) window.addEventListener(name, replace, { passive: true, capture: true });

export { MAX_TOASTS };
