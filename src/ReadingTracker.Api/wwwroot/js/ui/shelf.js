// The shelf: four category tabs, sort (by a column, or by the date a book was added, started or finished), and
// each book with what its state invites: progress and a memo while reading, rating and finish date once finished,
// and a "⋯" menu that holds the confirmed delete.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { cachedShelf, offline } from '../offline/current.js';
import { isUnreachable } from '../offline/memo-repository.js';
import { offlineText, syncBadge } from '../offline/labels.js';
import { qs } from '../api.js';
import { replaceParams, go } from '../router.js';
import { formatDate } from '../time.js';
import { CATEGORIES, categoryLabel, heading, cover, errorBox, loading, percent } from './common.js';
import { toast } from './toast.js';
import { menuButton } from './menu-button.js';

export const titleKey = 'shelf.title';
export const requiresAuth = () => true;
const SORTS = ['TITLE', 'AUTHOR', 'PUBLISHER', 'GENRE'];
/** Date orders, newest first, asked with `sort` (books without that date come last). */
const DATE_SORTS = ['added', 'started', 'finished'];
const DATE_FIELDS = { added: 'addedAt', started: 'readingStartDate', finished: 'readingFinishedDate' };

/**
 * The whole tab in a date order. The server already answers in it; sorting the read list again keeps the order
 * right for a cached copy and for a server that answers by title, and costs nothing on a shelf.
 */
export function sortByDate(books, sort) {
  const key = DATE_FIELDS[sort];
  if (!key) return books;
  return [...books].sort((a, b) => (b[key] ? 1 : 0) - (a[key] ? 1 : 0) || String(b[key] ?? '').localeCompare(String(a[key] ?? '')));
}

/**
 * The shelf at `path`. A fresh server answer with nothing waiting on this device is shown as it is; otherwise (offline,
 * or changes queued) this device's shelf changes go on top, by code fetched only then: the first paint stays small.
 */
async function loadShelf(path, category) {
  const c = offline();
  const waiting = c ? Object.values(await c.counts().catch(() => ({}))).some((n) => n > 0) : false;
  if (!waiting) {
    try {
      const read = await cachedShelf(path);
      if (!read.offline) return read;
    } catch (error) {
      if (!isUnreachable(error)) throw error;
    }
  }
  const { shelfList } = await import('../shelf-service.js');
  return shelfList(path, category);
}

export function render(main, where, ctx) {
  const state = {
    tab: CATEGORIES.includes(where.params.tab) ? where.params.tab : 'Reading',
    sort: [...SORTS, ...DATE_SORTS].includes(where.params.sort) ? where.params.sort : 'TITLE',
  };
  const tabs = CATEGORIES.map((c) => h('button', {
    type: 'button', role: 'tab', id: `tab-${c}`, 'aria-controls': 'shelf-panel', class: 'tab', dataset: { category: c },
  }, categoryLabel(c)));
  const tablist = h('div', { role: 'tablist', 'aria-label': t('shelf.tabs'), class: 'tabs' }, tabs);
  const panel = h('section', { role: 'tabpanel', id: 'shelf-panel', tabindex: '0', class: 'shelf-panel' });
  const sort = h('select', { id: 'shelf-sort' }, [...SORTS, ...DATE_SORTS].map((s) => h('option', { value: s, selected: s === state.sort }, t(`shelf.sort.${s}`))));

  function selectTab(category, focus) {
    state.tab = category;
    for (const tab of tabs) {
      const on = tab.dataset.category === category;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focus) tab.focus();
    }
    panel.setAttribute('aria-labelledby', `tab-${category}`);
    replaceParams(state);
    load();
  }

  // Tabs pattern: arrow keys move between tabs, Home/End to the ends.
  tablist.addEventListener('keydown', (event) => {
    const i = CATEGORIES.indexOf(state.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: CATEGORIES.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(CATEGORIES[(next + CATEGORIES.length) % CATEGORIES.length], true);
  });
  tabs.forEach((tab) => tab.addEventListener('click', () => selectTab(tab.dataset.category, false)));
  sort.addEventListener('change', () => { state.sort = sort.value; replaceParams(state); load(); });

  let request = 0;
  async function load() {
    const mine = ++request;
    panel.replaceChildren(loading());
    try {
      const order = DATE_SORTS.includes(state.sort) ? { sort: state.sort } : { sortBy: state.sort };
      const { data, offline: stale } = await loadShelf(`/user/books${qs({ category: state.tab, ...order })}`, state.tab);
      if (mine !== request || !ctx.isCurrent()) return;
      show(sortByDate(data.books, state.sort));
      if (stale) panel.prepend(h('p', { class: 'muted', role: 'status' }, offlineText(lang()).cachedCopy));
    } catch (error) {
      if (mine === request) panel.replaceChildren(errorBox(error, load));
    }
  }

  function show(books) {
    if (!books.length) {
      panel.replaceChildren(h('div', { class: 'empty' },
        h('p', {}, t('shelf.empty', { category: categoryLabel(state.tab) })),
        h('div', { class: 'actions' }, h('a', { href: '#/search', class: 'btn-primary' }, t('shelf.findBooks')),
          h('a', { href: '#/add', class: 'btn-secondary' }, t('search.manualShort')))));
      return;
    }
    panel.replaceChildren(h('p', { class: 'muted' }, t('shelf.count', { count: books.length })),
      h('ul', { class: 'book-list' }, books.map(card)));
    window.performance?.mark?.('shelf-rendered');
  }

  async function remove(book) {
    const { confirmDialog } = await import('./dialog.js'); // fetched on first use, not with the app shell
    const yes = await confirmDialog({ title: t('shelf.deleteTitle'), message: t('shelf.deleteText', { title: book.title }), confirmLabel: t('common.delete'), danger: true });
    if (!yes) return;
    try {
      const { shelfApi } = await import('../shelf-service.js');
      const answer = await shelfApi.del(`/user/books/${book.userBookId}`);
      toast(answer.message, 'success');
      await load();
      tabs.find((tab) => tab.dataset.category === state.tab)?.focus();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function updateProgress(book) {
    // The dialogs (and the form pieces they need) load on first use, so the shelf's first paint stays small.
    const { progressDialog, offerFinish } = await import('./reading-dialogs.js');
    const answer = await progressDialog(book);
    if (!answer) return;
    if (answer.finish) {
      const done = await offerFinish(book, { title: t('book.lastPageTitle'), message: t('book.lastPageText') });
      if (done) toast(done.message, 'success');
    } else {
      toast(answer.message, 'success');
    }
    await load();
  }

  /** What a card says and offers in its state: reading → progress and a memo; finished → rating and date. */
  function stateLine(book) {
    const pct = percent(book.readingProgress, book.totalPages);
    if (book.category === 'Finished') {
      return h('p', { class: 'muted card-facts' },
        book.rating ? h('span', { class: 'stars-inline', role: 'img', 'aria-label': t('rating.value', { count: book.rating }) }, '★'.repeat(book.rating) + '☆'.repeat(5 - book.rating)) : null,
        book.readingFinishedDate ? h('span', {}, t('shelf.finishedOn', { date: formatDate(book.readingFinishedDate) })) : null);
    }
    return pct != null && book.category !== 'ToRead'
      ? h('p', {}, h('progress', { max: '100', value: String(pct), 'aria-label': t('shelf.progressOf', { title: book.title }) }), ' ', `${pct}%`)
      : null;
  }

  function card(book) {
    const reading = book.category === 'Reading' || book.category === 'AlmostFinished';
    const badge = syncBadge(book.offlineState?.state, lang(), book.offlineState?.error);
    return h('li', { class: 'card book-card' },
      cover(book.coverUrl, book.title),
      h('div', { class: 'grow' },
        h('h2', { class: 'book-title' }, h('a', { href: `#/book/${book.userBookId}` }, book.title),
          badge ? h('span', { class: `sync-badge sync-${badge.kind}`, role: 'img', 'aria-label': badge.label, title: badge.label }, ` ${badge.icon}`) : null),
        h('p', { class: 'muted' }, [book.author, book.publisher].filter(Boolean).join(' · ')),
        stateLine(book),
        reading ? h('div', { class: 'actions card-actions' },
          h('button', { type: 'button', class: 'btn-secondary btn-small', 'aria-label': t('shelf.updateProgressNamed', { title: book.title }), onClick: () => updateProgress(book) }, t('shelf.updateProgress')),
          h('button', { type: 'button', class: 'btn-primary btn-small', 'aria-label': t('shelf.writeMemoNamed', { title: book.title }), onClick: () => go(`/book/${book.userBookId}`, { write: '1' }) }, t('shelf.writeMemo'))) : null),
      menuButton({
        label: t('shelf.moreNamed', { title: book.title }),
        items: [
          { label: t('shelf.open'), onSelect: () => go(`/book/${book.userBookId}`) },
          { label: t('shelf.delete'), danger: true, onSelect: () => remove(book) },
        ],
      }));
  }

  main.append(
    h('div', { class: 'screen-head' }, heading(t('shelf.title')),
      h('div', { class: 'toolbar' }, h('label', { for: 'shelf-sort' }, t('shelf.sortLabel')), sort,
        h('a', { href: '#/search', class: 'btn-secondary' }, t('shelf.addBook')),
        h('a', { href: '#/add', class: 'btn-secondary' }, t('search.manualShort')))),
    tablist, panel);
  selectTab(state.tab, false);
}
