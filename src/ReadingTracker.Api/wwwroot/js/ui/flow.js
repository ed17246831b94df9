// Today flow: one day's memos grouped by session, book or tag, five to a page, with the calendar,
// the memo editor, edit / delete, and close-the-book.
import { h, uid } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, qs } from '../api.js';
import { replaceParams } from '../router.js';
import { today, formatDateLong, formatTime } from '../time.js';
import { tagLabel } from '../tags.js';
import { deleteMemo, retryMemo, discardMemo } from '../memos-service.js';
import { offline, cachedShelf } from '../offline/current.js';
import { mergeFlowPages, mergeArrays, mergeShelf, MEMO_PAGE, LIST_PAGE } from '../paged.js';
import { syncBadge, offlineText } from '../offline/labels.js';
import { heading, errorBox, loading, categoryLabel } from './common.js';
import { calendar } from './calendar.js';
import { memoEditor } from './memo-editor.js';
import { confirmDialog } from './dialog.js';
import { closeBookDialog } from './reading-dialogs.js';
import { toast } from './toast.js';
import { groupsOf, flatten, PAGE_SIZE } from './flow-groups.js';

export const titleKey = 'flow.title';
export const requiresAuth = () => true;

function radioGroup(legend, name, options, value, onChange) {
  return h('fieldset', { class: 'segmented' }, h('legend', {}, legend), options.map(([v, label]) => {
    const id = uid(name);
    const input = h('input', { type: 'radio', id, name, value: v, checked: v === value });
    input.addEventListener('change', () => onChange(v));
    return h('span', {}, input, h('label', { for: id }, label));
  }));
}

export function render(main, where, ctx) {
  const p = where.params;
  const state = {
    date: /^\d{4}-\d{2}-\d{2}$/.test(p.date ?? '') ? p.date : today(),
    mode: ['SESSION', 'BOOK', 'TAG'].includes(p.mode) ? p.mode : 'SESSION',
    tagCategory: p.tagCategory === 'TOPIC' ? 'TOPIC' : 'TYPE',
    page: Math.max(1, Number(p.page) || 1),
  };
  let items = [];
  const dateTitle = h('h2', { id: 'flow-date' });
  const editorSlot = h('div', { class: 'editor-slot' });
  const list = h('section', { class: 'flow-list', 'aria-labelledby': 'flow-date', tabindex: '-1' });
  const summary = h('p', { class: 'muted', role: 'status' });
  const writeButton = h('button', { type: 'button', class: 'btn-primary', onClick: () => openWriter() }, t('flow.write'));
  const closeButton = h('button', { type: 'button', class: 'btn-secondary', onClick: () => closeBook() }, t('flow.closeBook'));
  const todayButton = h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: () => pickDate(today()) }, t('flow.today'));
  const calSlot = h('div', { id: 'flow-calendar', hidden: true });
  const calToggle = h('button', { type: 'button', class: 'btn-secondary', 'aria-expanded': 'false', 'aria-controls': 'flow-calendar' }, `📅 ${t('flow.calendar')}`);
  calToggle.addEventListener('click', () => {
    const open = calSlot.hidden;
    calSlot.hidden = !open;
    calToggle.setAttribute('aria-expanded', String(open));
    if (open) calSlot.replaceChildren(calendar({ selected: state.date, onPick: pickDate }));
  });
  const tagCats = radioGroup(t('flow.tagCategory'), 'tagCategory', [['TYPE', t('tagCategory.TYPE')], ['TOPIC', t('tagCategory.TOPIC')]], state.tagCategory,
    (v) => { state.tagCategory = v; state.page = 1; load(); });
  const modes = radioGroup(t('flow.grouping'), 'mode', [['SESSION', t('flow.mode.SESSION')], ['BOOK', t('flow.mode.BOOK')], ['TAG', t('flow.mode.TAG')]], state.mode,
    (v) => { state.mode = v; state.page = 1; load(); });

  function pickDate(date) {
    state.date = date;
    state.page = 1;
    calSlot.hidden = true;
    calToggle.setAttribute('aria-expanded', 'false');
    editorSlot.replaceChildren();
    load().then(() => list.focus());
  }

  let fromCache = false;
  async function load({ lastPage = false, quiet = false } = {}) {
    const isToday = state.date === today();
    dateTitle.textContent = formatDateLong(state.date);
    todayButton.hidden = isToday;
    writeButton.hidden = !isToday;
    tagCats.hidden = state.mode !== 'TAG';
    if (!quiet) list.replaceChildren(loading());
    let flowData;
    try {
      // The server's day merged with this device's unsent memos; offline, the last copy of that day.
      const path = `/today-flow${qs({ date: state.date, sortBy: state.mode, tagCategory: state.tagCategory })}`;
      const answer = await offline().repository.todayFlow(path, () => api.all(path, mergeFlowPages, MEMO_PAGE), { tagCategory: state.tagCategory, date: state.date });
      flowData = answer.flow;
      fromCache = answer.offline;
    } catch (error) {
      list.replaceChildren(errorBox(error, load));
      return;
    }
    if (!ctx.isCurrent()) return;
    items = flatten(groupsOf(flowData, state.mode), state.mode === 'TAG' ? (code) => tagLabel(code, state.tagCategory) : null);
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    state.page = lastPage ? pages : Math.min(state.page, pages);
    showPage();
  }

  function showPage() {
    replaceParams(state);
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    summary.textContent = [t('flow.count', { count: items.length }), fromCache ? offlineText(lang()).cachedCopy : null].filter(Boolean).join(' · ');
    if (!items.length) {
      list.replaceChildren(h('p', { class: 'empty' }, state.date === today() ? t('flow.emptyToday') : t('flow.emptyDay')));
      return;
    }
    const slice = items.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
    const nodes = [];
    let group = null;
    let sub = null;
    for (const item of slice) {
      if (item.group !== group) { group = item.group; sub = null; nodes.push(h('h3', { class: 'group-title' }, item.group)); }
      if (item.sub && item.sub !== sub) { sub = item.sub; nodes.push(h('h4', { class: 'sub-title' }, item.sub)); }
      nodes.push(memoCard(item.memo));
    }
    const move = (delta) => { state.page += delta; showPage(); list.focus(); };
    nodes.push(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
      h('button', { type: 'button', class: 'btn-secondary', disabled: state.page <= 1, onClick: () => move(-1) }, t('pager.prev')),
      h('span', {}, t('pager.position', { page: state.page, pages })),
      h('button', { type: 'button', class: 'btn-secondary', disabled: state.page >= pages, onClick: () => move(1) }, t('pager.next'))));
    list.replaceChildren(...nodes);
    window.performance?.mark?.('flow-rendered');
  }

  function memoCard(memo) {
    const time = formatTime(memo.memoStartTime);
    const name = t('memo.named', { time, page: memo.pageNumber });
    const words = offlineText(lang());
    const badge = syncBadge(memo.syncStatus, lang());
    const failed = memo.syncStatus === 'failed';
    const card = h('article', { class: 'card memo', 'aria-label': name, 'data-sync': memo.syncStatus ?? 'synced' },
      h('header', { class: 'memo-head' },
        h('time', { datetime: memo.memoStartTime }, time),
        h('span', { class: 'page' }, `p.${memo.pageNumber}`),
        badge ? h('span', { class: `sync-badge sync-${badge.kind}`, role: 'img', 'aria-label': badge.label, title: badge.label }, badge.icon) : null,
        h('ul', { class: 'tag-list', 'aria-label': t('memo.tags') }, memo.tags.map((code) => h('li', { class: 'tag' }, tagLabel(code))))),
      h('p', { class: 'memo-content' }, memo.content),
      failed ? h('p', { class: 'sync-error', role: 'alert' }, [words.failed, memo.error?.message].filter(Boolean).join(': ')) : null,
      memo.conflict ? h('p', { class: 'muted' }, words.conflict) : null,
      memo.id != null && (memo.version > 1 || memo.conflict) ? historyToggle(memo, name) : null,
      failed ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn-secondary btn-small', 'aria-label': `${words.retry}: ${name}`, onClick: () => retryMemo(memo) }, words.retry),
        h('button', { type: 'button', class: 'btn-secondary btn-small danger', 'aria-label': `${words.discard}: ${name}`, onClick: () => discardMemo(memo) }, words.discard)) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn-link', 'aria-label': t('memo.editNamed', { name }), onClick: () => edit() }, `✏️ ${t('common.edit')}`),
        h('button', { type: 'button', class: 'btn-link danger', 'aria-label': t('memo.deleteNamed', { name }), onClick: () => remove() }, `🗑️ ${t('common.delete')}`)));
    function edit() {
      const editor = memoEditor({
        memo,
        onCancel: () => { editor.replaceWith(card); card.querySelector('button')?.focus(); },
        onSaved: async (saved) => {
          toast(saved.conflict ? t('memo.savedConflict') : t('memo.saved'), saved.conflict ? 'error' : 'success');
          await load();
          list.focus();
        },
      });
      card.replaceWith(editor);
      editor.querySelector('textarea')?.focus();
    }
    async function remove() {
      const yes = await confirmDialog({ title: t('memo.deleteTitle'), message: t('memo.deleteText'), confirmLabel: t('common.delete'), danger: true });
      if (!yes) return;
      try {
        const answer = await deleteMemo(memo);
        toast(answer.message, 'success');
        await load();
        list.focus();
      } catch (error) {
        toast(error.message, 'error');
      }
    }
    return card;
  }

  /** Earlier versions of a memo (last writer wins; what it overwrote stays readable here). */
  function historyToggle(memo, name) {
    const words = offlineText(lang());
    const box = h('ol', { class: 'memo-history', hidden: true, 'aria-label': `${words.history}: ${name}` });
    const button = h('button', { type: 'button', class: 'btn-link', 'aria-expanded': 'false', 'aria-label': `${words.history}: ${name}` }, words.history);
    button.addEventListener('click', async () => {
      const open = box.hidden;
      box.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (!open) return;
      try {
        const versions = await api.all(`/memos/${memo.id}/history`, mergeArrays, LIST_PAGE);
        box.replaceChildren(...(versions.length ? versions.map((v) => h('li', {}, h('span', { class: 'muted' }, `v${v.version} · ${formatTime(v.editedAt)} · p.${v.pageNumber} `), v.content))
          : [h('li', { class: 'muted' }, words.historyEmpty)]));
      } catch (error) {
        box.replaceChildren(h('li', { role: 'alert' }, error.message));
      }
    });
    return h('div', { class: 'history' }, button, box);
  }

  /** The memo written last on the shown day (any grouping), whose book is the natural default. */
  const latestMemo = () => items.reduce((a, { memo }) => (!a || memo.memoStartTime > a.memoStartTime ? memo : a), null);

  async function openWriter(bookId) {
    let books;
    try {
      books = (await cachedShelf()).data.books.filter((b) => b.category !== 'Finished');
    } catch (error) {
      editorSlot.replaceChildren(errorBox(error));
      return;
    }
    if (!books.length) {
      editorSlot.replaceChildren(h('p', { class: 'empty' }, t('flow.noBooks'), ' ', h('a', { href: '#/search' }, t('shelf.findBooks'))));
      return;
    }
    const editor = memoEditor({
      books,
      bookId: bookId ?? latestMemo()?.userBookId,
      onCancel: () => { editorSlot.replaceChildren(); writeButton.focus(); },
      onSaved: async () => {
        editorSlot.replaceChildren();
        toast(t('memo.saved'), 'success');
        await load({ lastPage: true });
        list.focus();
      },
    });
    editorSlot.replaceChildren(editor);
    editor.querySelector('select, input')?.focus();
  }

  async function closeBook() {
    let books;
    try {
      books = (await api.all('/user/books', mergeShelf, LIST_PAGE)).books.filter((b) => b.category !== 'Finished');
    } catch (error) {
      toast(error.message, 'error');
      return;
    }
    if (!books.length) {
      toast(t('flow.noBooks'), 'error');
      return;
    }
    const result = await closeBookDialog(books, latestMemo()?.userBookId);
    if (!result) return;
    const after = await api.get(`/user/books/${result.userBookId}`).catch(() => null);
    toast([result.message, after ? t('book.nowIn', { category: categoryLabel(after.category) }) : null].filter(Boolean).join(' '), 'success');
  }

  main.append(
    heading(t('flow.title')),
    h('div', { class: 'flow-layout' },
      h('aside', { class: 'flow-side card', 'aria-label': t('flow.controls') },
        dateTitle, h('div', { class: 'actions' }, todayButton, calToggle), calSlot, modes, tagCats,
        h('div', { class: 'actions' }, writeButton, closeButton)),
      h('div', { class: 'flow-main' }, summary, editorSlot, list)));

  // Memos changed (a sync here, in another tab or in the service worker): show the new states, unless an
  // editor is open in the list (re-rendering would throw the reader's typing away).
  // At most one reload a second: a sync of a thousand memos must not turn into a thousand reloads.
  let refresh = null;
  let lastRefresh = 0;
  const onMemosChanged = () => {
    if (!ctx.isCurrent()) { window.removeEventListener('rt:memos-changed', onMemosChanged); return; }
    if (list.querySelector('form') || refresh) return;
    refresh = setTimeout(() => {
      refresh = null;
      lastRefresh = Date.now();
      if (ctx.isCurrent() && !list.querySelector('form')) load({ quiet: true });
    }, Math.max(150, 1000 - (Date.now() - lastRefresh)));
  };
  window.addEventListener('rt:memos-changed', onMemosChanged);

  // The day turns over at the user's midnight: a page left open on "today" follows it.
  let shownToday = today();
  const timer = setInterval(() => {
    if (!ctx.isCurrent()) { clearInterval(timer); return; }
    const now = today();
    if (now !== shownToday && state.date === shownToday) { shownToday = now; pickDate(now); }
    shownToday = now;
  }, 60_000);

  return load().then(() => {
    if (p.write && state.date === today()) openWriter(Number(p.write));
  });
}
