// Unsaved memos, one per book and reader, kept in localStorage as the reader types so that a reload (or a closed
// tab) loses nothing; a save or a confirmed discard clears it. Only text the reader typed is kept: a draft holds
// no time (a memo written later starts then) and no identity (a restored draft is a new memo).
import { store } from '../store.js';

const PREFIX = 'rt.memoDraft';
const keyOf = (userBookId) => `${PREFIX}.${store.user?.id ?? 'anonymous'}.${userBookId}`;

/** The draft of `userBookId`: {content, pageNumber, tags: [{code, category}]} or null. */
export function readDraft(userBookId) {
  if (userBookId == null) return null;
  try {
    const draft = JSON.parse(localStorage.getItem(keyOf(userBookId)) ?? 'null');
    return draft && typeof draft.content === 'string' ? draft : null;
  } catch {
    return null;
  }
}

/** Keeps the draft of `userBookId`; a draft without text is none. */
export function writeDraft(userBookId, { content, pageNumber, tags }) {
  if (userBookId == null) return;
  try {
    if (!content?.trim()) localStorage.removeItem(keyOf(userBookId));
    else localStorage.setItem(keyOf(userBookId), JSON.stringify({ content, pageNumber, tags, at: Date.now() }));
  } catch {
    // Storage full or denied: the memo can still be saved; only the reload safety net is gone.
  }
}

export function clearDraft(userBookId) {
  if (userBookId == null) return;
  try {
    localStorage.removeItem(keyOf(userBookId));
  } catch {
    // As above.
  }
}
