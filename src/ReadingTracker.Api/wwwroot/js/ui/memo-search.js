// Memo search ("#/find?q=…&page=…"): the reader's own memos whose text, book title or own tag has the words, best
// first, a page at a time. Each result opens the book's notebook on that memo ("#/book/{id}?memo={memoId}").
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, qs } from '../api.js';
import { replaceParams, href } from '../router.js';
import { formatDate } from '../time.js';
import { snippetParts } from '../snippet-marks.js';
import { heading, errorBox, loading } from './common.js';

export const titleKey = 'memoSearch.title';
export const requiresAuth = () => true;
const PAGE_SIZE = 20;

/** The snippet as text nodes and <mark> elements: never innerHTML. */
export function snippetElement(text, highlights) {
  return h('p', { class: 'memo-snippet' }, snippetParts(text ?? '', highlights).map((p) => (p.marked ? h('mark', {}, p.text) : p.text)));
}

export function render(main, where) {
  const params = { q: where.params.q ?? '', page: Math.max(1, Number(where.params.page ?? 1) || 1) };
  const input = h('input', { type: 'search', name: 'q', id: 'memo-search-q', value: params.q, required: true, maxlength: '200', autocomplete: 'off' });
  // Named apart from the header's box: two search landmarks with one name cannot be told apart.
  const form = h('form', { role: 'search', class: 'search-form', 'aria-label': t('memoSearch.refine') },
    h('label', { for: 'memo-search-q', class: 'sr-only' }, t('memoSearch.label')), input,
    h('button', { type: 'submit', class: 'btn-primary' }, t('search.submit')));
  const results = h('section', { 'aria-label': t('search.results'), class: 'results' });
  let generation = 0;

  async function run() {
    const mine = ++generation;
    if (!params.q.trim()) {
      results.replaceChildren(h('p', { class: 'muted' }, t('memoSearch.prompt')));
      return;
    }
    replaceParams(params.page > 1 ? params : { q: params.q });
    results.replaceChildren(loading());
    try {
      const data = await api.get(`/memos/search${qs({ q: params.q.trim(), page: params.page, limit: PAGE_SIZE })}`);
      if (mine === generation) show(data);
    } catch (error) {
      if (mine === generation) results.replaceChildren(errorBox(error, run));
    }
  }

  function show(data) {
    const items = data.items ?? [];
    const status = h('p', { role: 'status', class: 'muted' }, items.length ? t('memoSearch.page', { page: params.page }) : t('memoSearch.none'));
    const list = h('ul', { class: 'memo-search-list' }, items.map((hit) => h('li', { class: 'card memo-hit' },
      h('h2', { class: 'book-title' },
        h('a', { href: href(`/book/${hit.userBookId}`, { memo: hit.memoId }) }, hit.bookTitle)),
      h('p', { class: 'muted' }, `${formatDate((hit.memoStartTime ?? '').slice(0, 10))} · p.${hit.pageNumber}`),
      snippetElement(hit.snippet, hit.highlights))));
    const move = async (delta) => {
      params.page += delta;
      await run();
      results.querySelector('h2 a')?.focus();
    };
    const pager = h('nav', { class: 'pager', 'aria-label': t('pager.label') },
      h('button', { type: 'button', class: 'btn-secondary', disabled: params.page <= 1, onClick: () => move(-1) }, t('pager.prev')),
      h('button', { type: 'button', class: 'btn-secondary', disabled: !data.hasMore, onClick: () => move(1) }, t('pager.next')));
    results.replaceChildren(status, list, params.page > 1 || data.hasMore ? pager : '');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    params.q = input.value;
    params.page = 1;
    run();
  });
  main.append(heading(t('memoSearch.title')), form, results);
  return run();
}
