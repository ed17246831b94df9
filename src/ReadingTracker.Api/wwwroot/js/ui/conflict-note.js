// The entry page's calm note when a late shelf change met a newer one: one line naming what was kept and what was
// replaced, field by field, with a button that dismisses it on this device. Nothing while offline, or when nothing
// was replaced since the reader last dismissed the note.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { store } from '../store.js';
import { formatDate } from '../time.js';
import { latestUnseen, newestId, describe } from '../shelf-conflicts.js';
import { categoryLabel } from './common.js';

/** How many of the newest conflicts are read: the note shows one write's, and a write changes at most 8 fields. */
const READ = 20;

const FIELDS = {
  category: 'field.category', expectation: 'field.expectation', readingStartDate: 'field.startDate', readingProgress: 'field.progress',
  purchaseType: 'field.purchaseType', readingFinishedDate: 'field.finishDate', rating: 'field.rating', review: 'field.review',
};

const labels = () => ({
  field: (name) => (FIELDS[name] ? t(FIELDS[name]) : name),
  category: categoryLabel,
  purchase: (code) => t(`purchase.${code}`),
  date: formatDate,
  rating: (count) => t('rating.value', { count }),
  none: '—',
});

const seenKey = (userBookId) => `rt-conflicts-seen:${store.user?.id ?? ''}:${userBookId}`;

function readSeen(userBookId) {
  try {
    return localStorage.getItem(seenKey(userBookId));
  } catch {
    return null;
  }
}

function writeSeen(userBookId, id) {
  try {
    localStorage.setItem(seenKey(userBookId), String(id));
  } catch {
    // Storage refused (private mode, full): the note goes for this page only.
  }
}

/** A slot that fills itself with the note, if there is one to tell (an entry added offline has none yet). */
export function conflictNote(userBookId) {
  const slot = h('div', { class: 'conflict-slot' });
  if (typeof userBookId !== 'number') return slot;
  api.get(`/user/books/${userBookId}/conflicts?limit=${READ}`).then((conflicts) => {
    const shown = latestUnseen(Array.isArray(conflicts) ? conflicts : [], readSeen(userBookId));
    if (!shown.length) return;
    const words = labels();
    const details = shown.map((c) => t('shelfConflict.detail', describe(c, words))).join(t('shelfConflict.separator'));
    const dismiss = h('button', {
      type: 'button', class: 'btn-link',
      onClick: () => {
        writeSeen(userBookId, newestId(shown));
        slot.replaceChildren();
      },
    }, t('shelfConflict.dismiss'));
    slot.replaceChildren(h('p', { class: 'muted entry-conflict', role: 'status' }, `${t('shelfConflict.line', { details })} `, dismiss));
  }).catch(() => {});
  return slot;
}
