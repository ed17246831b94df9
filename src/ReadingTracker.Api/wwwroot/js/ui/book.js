// Book detail. "#/book?isbn=…" shows a catalogue book with "add to my shelf";
// "#/book/{userBookId}" shows a shelf entry (see book-entry.js).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { mergeShelf, LIST_PAGE } from '../paged.js';
import { store } from '../store.js';
import { offline } from '../offline/current.js';
import { go, href } from '../router.js';
import { heading, cover, errorBox, loading } from './common.js';
import { addToShelfDialog } from './reading-dialogs.js';
import { toast } from './toast.js';
import { renderEntry } from './book-entry.js';

export const titleKey = 'book.title';
export const requiresAuth = (where) => where.id != null;

export function bookHeader(book) {
  return h('div', { class: 'book-head' },
    cover(book.coverUrl, book.title, 'large'),
    h('div', {},
      heading(book.title),
      h('p', { class: 'muted' }, [book.author, book.publisher, book.pubDate].filter(Boolean).join(' · ')),
      book.totalPages ? h('p', { class: 'muted' }, t('book.pages', { pages: book.totalPages })) : null,
      book.description ? h('p', { class: 'description' }, book.description) : null));
}

/** A catalogue book; for a signed-in reader, from their cache while offline (kept by this page and by search results). */
async function catalogueBook(isbn) {
  const path = `/books/${encodeURIComponent(isbn)}`;
  const get = () => api.get(path, { auth: false });
  const c = store.session ? offline() : null;
  return c ? (await c.repository.cachedRead(path, get)).data : get();
}

async function renderCatalogueBook(main, isbn, ctx) {
  main.append(loading());
  let book;
  try {
    book = await catalogueBook(isbn);
  } catch (error) {
    main.replaceChildren(heading(t('book.title')), errorBox(error, () => go('/book', { isbn })));
    return;
  }
  if (!ctx.isCurrent()) return;
  const onShelf = store.session
    ? (await api.all('/user/books', mergeShelf, LIST_PAGE).catch(() => ({ books: [] }))).books.find((b) => b.isbn && (b.isbn === book.isbn || b.isbn === book.isbn13))
    : null;
  if (!ctx.isCurrent()) return;
  let action;
  if (!store.session) {
    action = h('a', { class: 'btn-primary', href: href('/login', { next: location.hash }) }, t('book.loginToAdd'));
  } else if (onShelf) {
    action = h('p', {}, t('book.alreadyOnShelf'), ' ', h('a', { href: `#/book/${onShelf.userBookId}` }, t('book.openEntry')));
  } else {
    action = h('button', {
      type: 'button', class: 'btn-primary',
      onClick: async () => {
        const added = await addToShelfDialog(book);
        if (!added) return;
        toast(added.message, 'success');
        go(`/book/${added.userBookId}`);
      },
    }, t('book.add'));
  }
  main.replaceChildren(h('article', { class: 'card book-detail' }, bookHeader(book), h('div', { class: 'actions' }, action)));
}

export function render(main, where, ctx) {
  // An entry added offline has a temporary id (local-…) until its add reaches the server.
  if (where.id) return renderEntry(main, /^\d+$/.test(where.id) ? Number(where.id) : where.id, ctx, where);
  if (!where.params.isbn) {
    main.append(heading(t('book.title')), errorBox({ message: t('book.missing') }));
    return undefined;
  }
  return renderCatalogueBook(main, where.params.isbn, ctx);
}
