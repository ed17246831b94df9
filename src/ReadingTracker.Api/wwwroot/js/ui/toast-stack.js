// The toast stack's rules without the DOM (client-tests/test/toast-stack.test.js pins them): news that is
// already showing is updated in place and its count grows; new news goes last, and the oldest gives way
// once more than MAX_TOASTS would show.

export const MAX_TOASTS = 2;

/**
 * shown: entries oldest first ({key, count, ...}). Returns {entries, updated, removed}: the stack after
 * the news, the entry updated in place (null when a new one was added, last in `entries`) and the entries
 * that gave way.
 */
export function coalesce(shown, { key, add = 0 }, max = MAX_TOASTS) {
  const same = key == null ? null : shown.find((e) => e.key === key);
  if (same) {
    same.count += add;
    return { entries: [...shown], updated: same, removed: [] };
  }
  const entries = [...shown, { key, count: Math.max(add, 1), element: null, timer: null }];
  const removed = entries.splice(0, Math.max(0, entries.length - max));
  return { entries, updated: null, removed };
}
