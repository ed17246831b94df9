// The today flow's two actions: writing a memo (the composer, offered the books still being read) and closing
// the book at the end of a session, proposing the highest page the session's memos reached.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, qs } from '../api.js';
import { cachedShelf, offline } from '../offline/current.js';
import { mergeFlowPages, MEMO_PAGE } from '../paged.js';
import { shelfList, shelfEntry } from '../shelf-service.js';
import { errorBox, categoryLabel } from './common.js';
import { memoEditor } from './memo-editor.js';
import { closeBookDialog } from './reading-dialogs.js';
import { toast } from './toast.js';

/** The books a memo can be written on: those not finished, and `keep` (a finished book asked for by name). */
const writable = (books, keep) => books.filter((b) => b.category !== 'Finished' || (keep != null && String(b.userBookId) === String(keep)));

/**
 * What goes in the composer's place: the composer for a new memo on `bookId` (or the first book) on `day` (the
 * shown day; null for today), a pointer to the search when nothing is being read, or the error. The shelf comes
 * from the offline cache when it must. onBookChange(id) follows the composer's book choice.
 */
export async function memoWriter({ bookId, day = null, onBookChange, onSaved, onCancel }) {
  let books;
  try {
    books = writable((await cachedShelf()).data.books, bookId);
  } catch (error) {
    return errorBox(error);
  }
  if (!books.length) return h('p', { class: 'empty' }, t('flow.noBooks'), ' ', h('a', { href: '#/search' }, t('shelf.findBooks')));
  return memoEditor({ books, bookId, day, onBookChange, onCancel, onSaved });
}

/**
 * The highest page of each book's latest session on `date` (a session is a run of one book's memos in time
 * order), this device's unsent memos included: what "Close the book" proposes instead of the stored progress.
 */
export async function sessionPages(date) {
  const path = `/today-flow${qs({ date, sortBy: 'SESSION' })}`;
  const fetcher = () => api.all(path, mergeFlowPages, MEMO_PAGE);
  const flow = offline() ? (await offline().repository.todayFlow(path, fetcher, { tagCategory: 'TYPE', date })).flow : await fetcher();
  const pages = new Map();
  for (const session of flow?.sessions ?? []) {
    pages.set(String(session.userBookId), Math.max(...session.memos.map((m) => m.pageNumber ?? 0)));
  }
  return pages;
}

/**
 * Close the book (the dialog), preselecting `bookId`; the page proposed is the session's highest on `date`. The
 * shelf and the entry afterwards are read as the entry's page reads them, so closing works offline too: the close
 * is queued, and the toast says where the book now stands with it.
 */
export async function closeTheBook(bookId, date) {
  let books;
  let pages;
  try {
    [books, pages] = await Promise.all([
      shelfList('/user/books').then((shelf) => writable(shelf.data.books)),
      sessionPages(date).catch(() => new Map()),
    ]);
  } catch (error) {
    toast(error.message, 'error');
    return;
  }
  if (!books.length) {
    toast(t('flow.noBooks'), 'error');
    return;
  }
  const result = await closeBookDialog(books, bookId, { proposedPage: (entry) => pages.get(String(entry.userBookId)) || null });
  if (!result) return;
  const after = (await shelfEntry(result.userBookId).catch(() => null))?.data;
  toast([result.message, after ? t('book.nowIn', { category: categoryLabel(after.category) }) : null].filter(Boolean).join(' '), 'success');
}
