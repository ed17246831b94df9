// A shelf entry: its reading state with inline edits (pages read, purchase type, expectation), the
// category moves that follow, start / finish reading, the finished book's rating and review, the book's
// notebook (book-notebook.js), and removal with confirmation.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { lang } from '../i18n.js';
import { shelfApi, shelfEntry, retryShelfChange, discardShelfChange } from '../shelf-service.js';
import { syncBadge, offlineText } from '../offline/labels.js';
import { go, href, current } from '../router.js';
import { formatDate, formatDateTime } from '../time.js';
import { CATEGORIES, categoryLabel, errorBox, loading, heading, percent } from './common.js';
import { confirmDialog } from './dialog.js';
import { startReadingDialog, finishReadingDialog, finishDetailsDialog, offerFinish } from './reading-dialogs.js';
import { field, formAlert, showError, busy } from './form.js';
import { purchaseOptions } from './shelf-fields.js';
import { toast } from './toast.js';
import { bookHeader } from './book.js';
import { bookNotebook, notebookView } from './book-notebook.js';
import { conflictNote } from './conflict-note.js';

/**
 * Whether a saved memo reached the book's last page: the server says so (`progress.reachedLastPage`); a memo
 * saved offline, or a server that does not say, is judged by its page against the book's length.
 */
export function reachedLastPage(saved, entry) {
  if (saved?.progress && typeof saved.progress.reachedLastPage === 'boolean') return saved.progress.reachedLastPage;
  return Boolean(entry.totalPages) && entry.category !== 'Finished' && Number(saved?.pageNumber) >= entry.totalPages;
}

function row(label, value) {
  return [h('dt', {}, label), h('dd', {}, value ?? '—')];
}

/** A value with an "edit" button that swaps in a small form; save(value) persists it. */
function inlineEdit({ label, display, control, save }) {
  const wrap = h('div', { class: 'inline-edit' });
  const show = () => {
    wrap.replaceChildren(h('span', {}, display ?? '—'), ' ',
      h('button', { type: 'button', class: 'btn-link', 'aria-label': t('common.editNamed', { name: label }), onClick: edit }, t('common.edit')));
  };
  function edit() {
    const f = control();
    const submit = h('button', { type: 'submit', class: 'btn-primary btn-small' }, t('common.save'));
    const form = h('form', { class: 'inline-form', novalidate: true }, formAlert(), f, submit,
      h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: () => { show(); wrap.querySelector('button')?.focus(); } }, t('common.cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(submit, async () => {
        try {
          await save(f.control.value);
        } catch (error) {
          showError(form, error);
        }
      });
    });
    wrap.replaceChildren(form);
    f.control.focus();
  }
  show();
  return wrap;
}

export async function renderEntry(main, id, ctx, where = { params: {} }) {
  main.append(loading());
  let entry;
  try {
    const read = await shelfEntry(id);
    if (read.movedTo != null) {
      // Added offline, and the add has reached the server since: the entry lives under the server's id now.
      go(`/book/${read.movedTo}`);
      return;
    }
    entry = read.data;
  } catch (error) {
    main.replaceChildren(heading(t('book.title')), errorBox(error, () => renderAgain()));
    return;
  }
  if (!ctx.isCurrent()) return;
  async function renderAgain(announce) {
    main.replaceChildren();
    await renderEntry(main, id, ctx, current());
    main.querySelector('h1')?.focus();
    if (announce) toast(announce, 'success');
  }
  /** After a change: reload, and say so when the book moved to another category. */
  async function changed(message) {
    const before = entry.category;
    const after = (await shelfEntry(id).catch(() => null))?.data ?? entry;
    const moved = after.category !== before ? t('book.movedTo', { category: categoryLabel(after.category) }) : null;
    await renderAgain([message, moved].filter(Boolean).join(' '));
  }

  const total = entry.totalPages;
  const reading = entry.category === 'Reading' || entry.category === 'AlmostFinished';

  // Drawn again in place when a memo written below moves the progress.
  const buildProgress = (pct = percent(entry.readingProgress, total)) => h('section', { class: 'progress-section', 'aria-labelledby': 'progress-title' },
    h('h2', { id: 'progress-title' }, t('book.progress')),
    total ? h('progress', { max: String(total), value: String(entry.readingProgress ?? 0), 'aria-label': t('book.progress') }) : null,
    h('p', {}, total ? t('book.progressText', { page: entry.readingProgress ?? 0, total, pct: pct ?? 0 }) : t('book.progressNoTotal', { page: entry.readingProgress ?? 0 })),
    reading ? inlineEdit({
      label: t('field.progress'),
      display: t('book.pagesRead', { page: entry.readingProgress ?? 0 }),
      control: () => field({ label: t('field.progress'), name: 'readingProgress', type: 'number', value: String(entry.readingProgress ?? 0), attrs: { min: '0', max: total ?? null, inputmode: 'numeric' } }),
      save: async (value) => {
        const pages = Number(value);
        if (total && pages === total) {
          // The last page finishes the book, which needs its finish date and rating: ask for them.
          const yes = await confirmDialog({ title: t('book.lastPageTitle'), message: t('book.lastPageText'), confirmLabel: t('book.finishSubmit') });
          if (!yes) return;
          const done = await finishReadingDialog(entry);
          if (done) await changed(done.message);
          return;
        }
        const answer = await shelfApi.put(`/user/books/${id}`, { readingProgress: pages });
        await changed(answer.message);
      },
    }) : null);
  let progress = buildProgress();

  const details = h('dl', { class: 'details' },
    row(t('field.category'), categoryLabel(entry.category)),
    row(t('book.addedAt'), formatDateTime(entry.addedAt)),
    row(t('field.expectation'), inlineEdit({
      label: t('field.expectation'), display: entry.expectation,
      control: () => field({ label: t('field.expectation'), name: 'expectation', tag: 'textarea', value: entry.expectation, attrs: { maxlength: '500', rows: '2' } }),
      save: async (value) => changed((await shelfApi.put(`/user/books/${id}`, { expectation: value })).message),
    })),
    row(t('field.purchaseType'), inlineEdit({
      label: t('field.purchaseType'), display: entry.purchaseType ? t(`purchase.${entry.purchaseType}`) : null,
      control: () => field({ label: t('field.purchaseType'), name: 'purchaseType', tag: 'select', value: entry.purchaseType ?? 'PURCHASE', options: purchaseOptions().slice(1) }),
      save: async (value) => changed((await shelfApi.put(`/user/books/${id}`, { purchaseType: value })).message),
    })),
    row(t('field.startDate'), entry.readingStartDate ? formatDate(entry.readingStartDate) : null),
    row(t('field.finishDate'), entry.readingFinishedDate ? formatDate(entry.readingFinishedDate) : null),
    row(t('field.rating'), entry.rating ? h('span', { 'aria-label': t('rating.value', { count: entry.rating }) }, '★'.repeat(entry.rating) + '☆'.repeat(5 - entry.rating)) : null),
    row(t('field.review'), entry.review ? h('span', { class: 'pre' }, entry.review) : null));
  const finished = entry.category === 'Finished';
  const editFinish = finished ? h('button', {
    type: 'button', class: 'btn-secondary',
    onClick: async () => { const r = await finishDetailsDialog(entry); if (r) await changed(r.message); },
  }, t('book.editFinish')) : null;

  /** After a memo saved here: the progress it moved, and "finish this book?" when it reached the last page. */
  async function memoSaved(saved) {
    if (reachedLastPage(saved, entry)) {
      const done = await offerFinish(entry);
      if (done) {
        await changed(done.message);
        return;
      }
    }
    const after = (await shelfEntry(id).catch(() => null))?.data ?? entry;
    if (after.category !== entry.category) {
      await changed(null);
      return;
    }
    if (after.readingProgress === entry.readingProgress) return;
    entry = after;
    const fresh = buildProgress();
    progress.replaceWith(fresh);
    progress = fresh;
  }
  const notebook = bookNotebook({ entry, view: notebookView(where.params), onSaved: memoSaved, openWriter: where.params.write === '1', ctx });

  const move = h('select', { id: 'move-category', 'aria-label': t('book.moveTo') },
    CATEGORIES.filter((c) => c !== entry.category).map((c) => h('option', { value: c }, categoryLabel(c))));
  const moveForm = h('form', { class: 'inline-form', novalidate: true }, formAlert(),
    h('label', { for: 'move-category' }, t('book.moveTo')), move, h('button', { type: 'submit', class: 'btn-secondary' }, t('book.move')));
  moveForm.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(moveForm.querySelector('button'), async () => {
      try {
        const answer = await shelfApi.put(`/user/books/${id}/category?category=${encodeURIComponent(move.value)}`);
        await changed(answer.message);
      } catch (error) {
        showError(moveForm, error);
      }
    });
  });

  const actions = h('div', { class: 'actions' },
    entry.category === 'ToRead' ? h('button', {
      type: 'button', class: 'btn-primary',
      onClick: async () => { const r = await startReadingDialog(entry); if (r) await changed(r.message); },
    }, t('book.start')) : null,
    reading ? h('button', {
      type: 'button', class: 'btn-primary',
      onClick: async () => { const r = await finishReadingDialog(entry); if (r) await changed(r.message); },
    }, t('book.finish')) : null,
    editFinish,
    h('button', {
      type: 'button', class: 'btn-danger',
      onClick: async () => {
        const yes = await confirmDialog({ title: t('shelf.deleteTitle'), message: t('shelf.deleteText', { title: entry.title }), confirmLabel: t('common.delete'), danger: true });
        if (!yes) return;
        try {
          const answer = await shelfApi.del(`/user/books/${id}`);
          toast(answer.message, 'success');
          go('/shelf');
        } catch (error) {
          toast(error.message, 'error');
        }
      },
    }, t('common.delete')));

  // Wide screens: the book beside its notebook; narrow ones: the book, then the notebook.
  main.replaceChildren(h('div', { class: 'book-page' }, h('article', { class: 'card book-detail' },
    h('p', {}, h('a', { href: href('/shelf', { tab: entry.category }) }, t('book.backToShelf'))),
    bookHeader(entry), syncState(entry, renderAgain), conflictNote(entry.userBookId), progress, details, actions, moveForm), notebook.element));
  watchSync(id, entry, ctx, renderAgain);
}

/**
 * The entry's changes still on this device, calmly: one quiet line while they wait; a refused one with its reason,
 * retry and discard. Nothing once everything reached the server.
 */
function syncState(entry, renderAgain) {
  const state = entry.offlineState;
  const badge = syncBadge(state?.state, lang(), state?.error);
  if (!badge) return null;
  const line = h('p', { class: `muted entry-sync sync-${badge.kind}`, role: 'status', 'data-sync': state.state },
    h('span', { class: 'sync-badge', 'aria-hidden': 'true' }, badge.icon), ' ', state.state === 'failed' ? t('shelfOffline.failedState') : t('shelfOffline.pendingState'));
  if (state.state !== 'failed') return line;
  const words = offlineText(lang());
  const reason = state.error?.message ? h('span', {}, ` ${state.error.message}`) : null;
  return h('div', { class: 'entry-sync-failed' }, line, reason,
    h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: async () => { await retryShelfChange(state.group); await renderAgain(); } }, words.retry), ' ',
    h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: async () => { await discardShelfChange(state.group); await renderAgain(); } }, words.discard));
}

/** While changes of the entry wait: drawn again once a sync settles them (sent, or refused). */
function watchSync(id, entry, ctx, renderAgain) {
  if (!entry.offlineState) return;
  const onChange = async () => {
    if (!ctx.isCurrent()) {
      window.removeEventListener('rt:memos-changed', onChange);
      return;
    }
    const now = (await shelfEntry(id).catch(() => null))?.data;
    if (!now && typeof id === 'string') {
      window.removeEventListener('rt:memos-changed', onChange);
      await renderAgain();
      return;
    }
    if (now && now.offlineState?.state !== entry.offlineState?.state) {
      window.removeEventListener('rt:memos-changed', onChange);
      await renderAgain();
    }
  };
  window.addEventListener('rt:memos-changed', onChange);
}
