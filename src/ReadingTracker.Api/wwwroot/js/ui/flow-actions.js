// The today flow's two actions: writing a memo (the editor, offered the books still being read) and closing
// the book at the end of a session.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { cachedShelf } from '../offline/current.js';
import { mergeShelf, LIST_PAGE } from '../paged.js';
import { errorBox, categoryLabel } from './common.js';
import { memoEditor } from './memo-editor.js';
import { closeBookDialog } from './reading-dialogs.js';
import { toast } from './toast.js';

const unfinished = (books) => books.filter((b) => b.category !== 'Finished');

/**
 * What goes in the editor's place: the editor for a new memo on `bookId` (or the first book), a pointer to the
 * search when nothing is being read, or the error. The shelf comes from the offline cache when it must.
 */
export async function memoWriter({ bookId, onSaved, onCancel }) {
  let books;
  try {
    books = unfinished((await cachedShelf()).data.books);
  } catch (error) {
    return errorBox(error);
  }
  if (!books.length) return h('p', { class: 'empty' }, t('flow.noBooks'), ' ', h('a', { href: '#/search' }, t('shelf.findBooks')));
  return memoEditor({ books, bookId, onCancel, onSaved });
}

/** Close the book (the dialog), preselecting `bookId`; the toast says where the book is now. */
export async function closeTheBook(bookId) {
  let books;
  try {
    books = unfinished((await api.all('/user/books', mergeShelf, LIST_PAGE)).books);
  } catch (error) {
    toast(error.message, 'error');
    return;
  }
  if (!books.length) {
    toast(t('flow.noBooks'), 'error');
    return;
  }
  const result = await closeBookDialog(books, bookId);
  if (!result) return;
  const after = await api.get(`/user/books/${result.userBookId}`).catch(() => null);
  toast([result.message, after ? t('book.nowIn', { category: categoryLabel(after.category) }) : null].filter(Boolean).join(' '), 'success');
}
