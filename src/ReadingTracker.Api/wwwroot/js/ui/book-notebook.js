// A book's notebook on its page: every memo of the shelf entry, by page or by date, filtered by one tag, a page
// at a time ("load more", and on its own as the end of the list scrolls into view). Memos are written, edited
// and deleted right here through the same offline memo service as the today flow, so this device's unsent memos
// show beside the server's. The view (order, tag) lives in the URL, so a reload or a re-render keeps it.
import { h, uid } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, qs } from '../api.js';
import { replaceParams } from '../router.js';
import { formatDate } from '../time.js';
import { TAGS, tagLabel } from '../tags.js';
import { offline } from '../offline/current.js';
import { isUnreachable } from '../offline/memo-repository.js';
import { mergeMemos, inScope } from '../offline/memo-merge.js';
import { byPage, newestFirst } from '../offline/memo-order.js';
import { offlineText } from '../offline/labels.js';
import { errorBox, loading } from './common.js';
import { memoCard } from './memo-card.js';
import { memoEditor } from './memo-editor.js';
import { toast } from './toast.js';

/** Memos per request: a screenful or two; a long book is read as the reader scrolls. */
export const NOTEBOOK_PAGE = 30;
const ORDERS = ['page', 'date'];

/** The view a URL asks for; anything unreadable falls back to its default. */
export function notebookView(params) {
  return { order: ORDERS.includes(params.order) ? params.order : 'date', tag: params.tag || '', memo: params.memo || '' };
}

/** How many pages the notebook reads to find the memo a search result points at, before it gives up. */
const FIND_PAGES = 40;

/** The order the server was asked for, kept for memos merged in from this device. */
export function sortMemos(memos, order) {
  return [...memos].sort(order === 'page' ? byPage : newestFirst);
}

/** The tags to filter by: the server's list (own tags by their name) or, without it, the built-in catalogue. */
async function tagOptions() {
  let tags;
  try {
    tags = await api.get('/tags');
  } catch {
    tags = null;
  }
  if (!Array.isArray(tags) || !tags.length) {
    tags = [...TAGS.TYPE.map((code) => ({ code, category: 'TYPE' })), ...TAGS.TOPIC.filter((c) => c !== 'etc').map((code) => ({ code, category: 'TOPIC' }))];
  }
  const seen = new Set();
  return tags.filter((tag) => !seen.has(tag.code) && seen.add(tag.code))
    .map((tag) => [tag.code, tag.builtIn === false && tag.name ? tag.name : tagLabel(tag.code, tag.category)]);
}

function radioGroup(legend, name, options, value, onChange) {
  return h('fieldset', { class: 'segmented' }, h('legend', {}, legend), options.map(([v, label]) => {
    const id = uid(name);
    const input = h('input', { type: 'radio', id, name, value: v, checked: v === value });
    input.addEventListener('change', () => onChange(v));
    return h('span', {}, input, h('label', { for: id }, label));
  }));
}

/**
 * entry: the shelf entry. view: {order, tag}. onSaved(memo): after a memo was written or edited here (progress may
 * have moved). openWriter: open the editor at once (the shelf's "Write a memo"). Returns {element, reload()}.
 */
export function bookNotebook({ entry, view, onSaved, openWriter = false, ctx }) {
  const state = { ...view };
  const titleId = uid('notebook');
  const editorSlot = h('div', { class: 'editor-slot' });
  const list = h('ol', { class: 'notebook-list', 'aria-labelledby': titleId, tabindex: '-1' });
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'btn-secondary', hidden: true, onClick: () => loadMore() }, t('notebook.loadMore'));
  const writeButton = h('button', { type: 'button', class: 'btn-primary', onClick: () => write() }, t('book.writeMemo'));
  const tagSelect = h('select', { id: uid('notebook-tag') }, h('option', { value: '' }, t('notebook.allTags')));

  let serverMemos = [];
  let cursor = null;
  let fromCache = false;
  let generation = 0;
  let loadingMore = false;

  const keepUrl = () => replaceParams({ order: state.order === 'date' ? null : state.order, tag: state.tag || null });

  async function fetchPage(after, limit) {
    const path = `/memos/books/${entry.userBookId}${qs({ order: state.order, tag: state.tag, limit, cursor: after })}`;
    const get = () => api.get(path, { envelope: true });
    const c = offline();
    // An entry added offline is not on the server yet: its memos are all on this device.
    if (typeof entry.userBookId === 'string') return { data: { data: [], nextCursor: null }, offline: true };
    // The first page is kept for offline reading; later pages need the server.
    if (after || !c) return { data: await get(), offline: false };
    try {
      return await c.repository.cachedRead(path, get);
    } catch (error) {
      // Offline on a notebook never opened in this view: this device's memos still show, without the server's.
      if (!isUnreachable(error)) throw error;
      return { data: { data: [], nextCursor: null }, offline: true };
    }
  }

  /** This device's memos of the book (unsent ones included), with the tag asked for. */
  async function localMemos() {
    const c = offline();
    if (!c) return [];
    const mine = inScope(await c.repository.allLocal(), { userBookId: entry.userBookId });
    return state.tag ? mine.filter((m) => m.deleted || (m.tags ?? []).includes(state.tag)) : mine;
  }

  async function draw() {
    // A server that does not know the filter yet answers every memo: the tag is kept here too.
    const server = state.tag ? serverMemos.filter((m) => (m.tags ?? []).includes(state.tag)) : serverMemos;
    const memos = sortMemos(mergeMemos(await localMemos(), server), state.order);
    const items = [];
    let lastDay = null;
    for (const memo of memos) {
      const day = (memo.memoStartTime ?? '').slice(0, 10);
      // By date: a heading per day. By page: each memo says its day, since days interleave.
      if (state.order === 'date' && day !== lastDay) items.push(h('li', { class: 'notebook-day' }, h('h3', {}, formatDate(day))));
      items.push(h('li', { class: 'notebook-item' },
        state.order === 'page' ? h('p', { class: 'muted notebook-date' }, formatDate(day)) : null,
        memoCard(memo, {
          totalPages: entry.totalPages,
          onChanged: async (saved) => {
            await reload({ focus: true });
            if (saved) await onSaved?.(saved); // an edit, like a new memo, may move the progress
          },
        })));
      lastDay = day;
    }
    list.replaceChildren(...items);
    const words = [];
    if (!memos.length) words.push(state.tag ? t('notebook.emptyTag') : t('notebook.empty'));
    else if (!cursor) words.push(t('notebook.all'));
    if (fromCache) words.push(offlineText(lang()).cachedCopy);
    status.textContent = words.join(' · ');
    more.hidden = !cursor;
  }

  /** The first pages again, as many memos as were shown (a save, a delete, a sync, a new view). */
  async function reload({ focus = false, quiet = false } = {}) {
    const mine = ++generation;
    const want = Math.max(NOTEBOOK_PAGE, serverMemos.length);
    if (!quiet) list.replaceChildren(h('li', {}, loading()));
    try {
      const pages = [];
      let next = null;
      let count = 0;
      let cached = false;
      do {
        const answer = await fetchPage(next, Math.min(500, want - count));
        const data = answer.data?.data ?? [];
        cached ||= answer.offline;
        pages.push(...data);
        count += data.length;
        next = answer.data?.nextCursor ?? null;
      } while (next && count < want && !cached);
      if (mine !== generation || !ctx.isCurrent()) return;
      // A quiet reload (a sync's) that finds an editor opened while it was fetching draws nothing: the list would be
      // drawn away under the reader's typing. The editor's save or cancel draws the notebook again.
      if (quiet && list.querySelector('form')) return;
      serverMemos = pages;
      cursor = next;
      fromCache = cached;
    } catch (error) {
      if (mine === generation) list.replaceChildren(h('li', {}, errorBox(error, () => reload())));
      return;
    }
    await draw();
    if (focus) list.focus();
  }

  async function loadMore() {
    if (!cursor || loadingMore) return;
    loadingMore = true;
    const mine = generation;
    try {
      const answer = await fetchPage(cursor, NOTEBOOK_PAGE);
      if (mine !== generation || !ctx.isCurrent()) return;
      const known = new Set(serverMemos.map((m) => m.id));
      serverMemos.push(...(answer.data?.data ?? []).filter((m) => !known.has(m.id)));
      cursor = answer.data?.nextCursor ?? null;
      await draw();
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      loadingMore = false;
    }
  }

  function write() {
    const editor = memoEditor({
      books: [entry],
      bookId: entry.userBookId,
      onCancel: () => {
        editorSlot.replaceChildren();
        writeButton.focus();
      },
      onSaved: async (saved) => {
        editorSlot.replaceChildren();
        toast(t('memo.saved'), 'success');
        await reload();
        writeButton.focus();
        await onSaved?.(saved);
      },
    });
    editorSlot.replaceChildren(editor);
    editor.querySelector('textarea')?.focus();
  }

  const isLoadingMore = () => loadingMore;

  /** A search result's memo (issue 16): pages are read until it is shown, then it is scrolled to, marked and focused. */
  async function showMemo(memoId) {
    const find = () => list.querySelector(`[data-memo-id="${CSS.escape(String(memoId))}"]`);
    for (let pages = 0; !find() && cursor && pages < FIND_PAGES && ctx.isCurrent(); pages++) {
      await loadMore();
      // The end of the list scrolled into view may be loading the same page: wait for it rather than skip ahead.
      for (let waits = 0; isLoadingMore() && waits < 200; waits++) await new Promise((resolve) => { setTimeout(resolve, 50); });
    }
    const card = find();
    if (!card || !ctx.isCurrent()) {
      if (ctx.isCurrent()) status.textContent = t('memoSearch.gone');
      return;
    }
    card.classList.add('memo-found');
    card.setAttribute('tabindex', '-1');
    card.scrollIntoView({ block: 'center' });
    card.focus({ preventScroll: true });
  }

  const order = radioGroup(t('notebook.order'), uid('order'), [['page', t('notebook.byPage')], ['date', t('notebook.byDate')]], state.order, (value) => {
    state.order = value;
    keepUrl();
    reload();
  });
  tagSelect.addEventListener('change', () => {
    state.tag = tagSelect.value;
    keepUrl();
    reload();
  });
  tagOptions().then((options) => {
    tagSelect.append(...options.map(([code, label]) => h('option', { value: code, selected: code === state.tag }, label)));
    if (state.tag && !options.some(([code]) => code === state.tag)) tagSelect.append(h('option', { value: state.tag, selected: true }, state.tag));
  });

  // The end of the list coming into view loads the next page; the button stays for keyboards and screen readers.
  const sentinel = h('div', { class: 'notebook-end', 'aria-hidden': 'true' });
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver((seen) => {
      if (!ctx.isCurrent()) observer.disconnect();
      else if (seen.some((e) => e.isIntersecting) && cursor && !list.querySelector('form')) loadMore();
    }, { rootMargin: '200px' });
    observer.observe(sentinel);
  }

  // Memos changed elsewhere (a sync, another tab): shown again, but never under an open editor.
  let pending = null;
  const onChanged = () => {
    if (!ctx.isCurrent()) {
      window.removeEventListener('rt:memos-changed', onChanged);
      return;
    }
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      if (ctx.isCurrent() && !element.querySelector('form')) reload({ quiet: true });
    }, 300);
  };
  window.addEventListener('rt:memos-changed', onChanged);

  const element = h('section', { class: 'notebook', 'aria-labelledby': titleId },
    h('div', { class: 'notebook-head' },
      h('h2', { id: titleId }, t('notebook.title')),
      writeButton),
    h('div', { class: 'notebook-controls' }, order,
      h('div', { class: 'field' }, h('label', { for: tagSelect.id }, t('notebook.tag')), tagSelect)),
    editorSlot, status, list, sentinel, more);

  const first = reload();
  if (state.memo) first.then(() => showMemo(state.memo));
  if (openWriter) {
    keepUrl(); // the shelf's "write" is a one-time request, not part of the view
    first.then(() => write());
  }
  return { element, reload, write };
}
