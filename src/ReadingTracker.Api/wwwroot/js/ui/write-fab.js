// The floating "write" button of phone widths (CSS shows it only there, and hides it while an editor is open):
// one tap opens the composer on today's flow, on the book being looked at, else on the book written to last,
// else on the book choice. It lives in its own landmark so it is found like the rest of the page.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { href } from '../router.js';

const LAST_BOOK = 'rt.lastMemoBook';
let box = null;

/** Remembers the book a memo was last written on, the button's default next time. */
export function rememberBook(userBookId) {
  try {
    localStorage.setItem(`${LAST_BOOK}.${store.user?.id}`, String(userBookId));
  } catch {
    // Without storage the button asks which book.
  }
}

function lastBook() {
  try {
    return localStorage.getItem(`${LAST_BOOK}.${store.user?.id}`);
  } catch {
    return null;
  }
}

/** Draws (or hides) the button for the route `where` ({path, id}). Called after every render. */
export function updateWriteButton(where) {
  const show = Boolean(store.session) && !['/login', '/signup', '/recover', '/reset'].includes(where.path);
  if (!show) {
    box?.remove();
    box = null;
    return;
  }
  const book = where.path === '/book' && where.id ? where.id : lastBook();
  const link = h('a', { class: 'write-fab', href: href('/flow', { write: book ?? 'ask' }) },
    h('span', { 'aria-hidden': 'true' }, '✎ '), t('fab.write'));
  const next = h('aside', { class: 'write-fab-box', 'aria-label': t('fab.label') }, link);
  if (box) box.replaceWith(next);
  else document.body.append(next);
  box = next;
}
