// Book search by title, author or publisher, with paging; each result opens the book's detail.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, qs } from '../api.js';
import { replaceParams, href } from '../router.js';
import { heading, cover, errorBox, loading } from './common.js';
import { store } from '../store.js';
import { offline } from '../offline/current.js';
import { providerNote, isProviderDown } from './search-status.js';

export const titleKey = 'search.title';
const PAGE_SIZE = 10;

export function render(main, where, ctx) {
  const params = { q: where.params.q ?? '', type: where.params.type ?? 'TITLE', page: Number(where.params.page ?? 1) || 1 };
  const input = h('input', { type: 'search', name: 'q', id: 'search-q', value: params.q, required: true, maxlength: '100', autocomplete: 'off' });
  const type = h('select', { name: 'type', id: 'search-type' },
    ['TITLE', 'AUTHOR', 'PUBLISHER'].map((v) => h('option', { value: v, selected: v === params.type }, t(`search.type.${v}`))));
  const form = h('form', { role: 'search', class: 'search-form', 'aria-label': t('search.title') },
    h('label', { for: 'search-type', class: 'sr-only' }, t('search.typeLabel')), type,
    h('label', { for: 'search-q', class: 'sr-only' }, t('search.queryLabel')), input,
    h('button', { type: 'submit', class: 'btn-primary' }, t('search.submit')));
  const results = h('section', { 'aria-label': t('search.results'), class: 'results' });
  const provider = providerNote(() => ctx?.isCurrent() ?? true);

  async function run() {
    if (!params.q.trim()) {
      results.replaceChildren(h('p', { class: 'muted' }, t('search.prompt')));
      return;
    }
    replaceParams(params);
    results.replaceChildren(loading());
    try {
      const data = await api.get(`/books/search${qs({ query: params.q.trim(), queryType: params.type, start: params.page, maxResults: PAGE_SIZE })}`, { auth: false });
      provider.update(false);
      showResults(data);
      remember(data.books ?? []);
    } catch (error) {
      // Search is down or refused: adding by hand still works, so it is offered right in the error.
      if (isProviderDown(error)) provider.update(true);
      const box = errorBox(error, run);
      if (store.session) box.append(h('p', {}, h('a', { href: '#/add' }, t('search.manualShort'))));
      results.replaceChildren(box);
    }
  }

  function showResults(data) {
    const pages = Math.max(1, Math.ceil((data.totalResults ?? 0) / PAGE_SIZE));
    const status = h('p', { role: 'status', class: 'muted' }, t('search.count', { count: data.totalResults ?? 0 }));
    if (!data.books?.length) {
      results.replaceChildren(status, h('p', {}, t('search.none')), manualLink());
      return;
    }
    const list = h('ul', { class: 'book-list' }, data.books.map((b) => h('li', { class: 'card book-card' },
      cover(b.coverUrl, b.title),
      h('div', {},
        h('h2', { class: 'book-title' }, h('a', { href: href('/book', { isbn: b.isbn }) }, b.title)),
        h('p', { class: 'muted' }, [b.author, b.publisher, b.pubDate].filter(Boolean).join(' · '))))));
    const move = async (delta) => {
      params.page += delta;
      await run();
      results.querySelector('h2 a')?.focus();
    };
    const pager = h('nav', { class: 'pager', 'aria-label': t('pager.label') },
      h('button', { type: 'button', class: 'btn-secondary', disabled: params.page <= 1, onClick: () => move(-1) }, t('pager.prev')),
      h('span', {}, t('pager.position', { page: params.page, pages })),
      h('button', { type: 'button', class: 'btn-secondary', disabled: params.page >= pages, onClick: () => move(1) }, t('pager.next')));
    results.replaceChildren(status, list, pager, manualLink());
  }

  /** A signed-in reader's results, kept as each book's page: a book seen here can be opened and added offline. */
  function remember(books) {
    const c = store.session ? offline() : null;
    if (!c || !books.length) return;
    const at = Date.now();
    c.db.write(['cache'], (tx) => Promise.all(books.filter((b) => b.isbn)
      .map((b) => tx.put('cache', { path: `/books/${encodeURIComponent(b.isbn)}`, data: b, at })))).catch(() => {});
  }

  const manualLink = () => (store.session ? h('p', {}, h('a', { href: '#/add' }, t('search.manual'))) : '');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    params.q = input.value;
    params.type = type.value;
    params.page = 1;
    run();
  });
  // Adding by hand is one click away whatever search's state (client-notebook).
  const manualAlways = store.session ? h('p', { class: 'search-manual' }, h('a', { href: '#/add', class: 'btn-secondary btn-small' }, t('search.manualShort'))) : '';
  main.append(heading(t('search.title')), provider.element, form, manualAlways, results);
  run();
}
