// Today flow: one day's memos grouped by session, book or tag, five to a page. This screen keeps the view
// (day, grouping, tag category, page) in the URL and reloads the day when it changes, when memos change, and
// at midnight; the panel (flow-controls.js), the page of cards (flow-page.js, memo-card.js) and the actions
// (flow-actions.js) draw themselves from what it passes them.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, qs } from '../api.js';
import { replaceParams } from '../router.js';
import { today } from '../time.js';
import { tagLabel } from '../tags.js';
import { offline } from '../offline/current.js';
import { mergeFlowPages, MEMO_PAGE } from '../paged.js';
import { offlineText } from '../offline/labels.js';
import { heading, errorBox, loading } from './common.js';
import { toast } from './toast.js';
import { groupsOf, flatten } from './flow-groups.js';
import { flowControls } from './flow-controls.js';
import { flowPage, pageCount } from './flow-page.js';
import { memoCard } from './memo-card.js';
import { memoWriter, closeTheBook } from './flow-actions.js';
import { onlyCategory, groupLabel } from './tags-groups.js';

export const titleKey = 'flow.title';
export const requiresAuth = () => true;

/** The view a URL asks for, with anything unreadable replaced by its default. */
function viewOf(params) {
  return {
    date: /^\d{4}-\d{2}-\d{2}$/.test(params.date ?? '') ? params.date : today(),
    mode: ['SESSION', 'BOOK', 'TAG'].includes(params.mode) ? params.mode : 'SESSION',
    tagCategory: params.tagCategory === 'TOPIC' ? 'TOPIC' : 'TYPE',
    page: Math.max(1, Number(params.page) || 1),
  };
}

/**
 * Calls `reload` when memos change (a sync here, in another tab or in the worker), at most once a second (a
 * sync of a thousand memos must not become a thousand reloads), and not while `busy()` (an open editor would
 * lose the reader's typing). Stops once the screen is gone.
 */
function reloadOnMemoChanges(ctx, busy, reload) {
  let pending = null;
  let last = 0;
  const onChanged = () => {
    if (!ctx.isCurrent()) {
      window.removeEventListener('rt:memos-changed', onChanged);
      return;
    }
    if (busy() || pending) return;
    pending = setTimeout(() => {
      pending = null;
      last = Date.now();
      if (ctx.isCurrent() && !busy()) reload();
    }, Math.max(150, 1000 - (Date.now() - last)));
  };
  window.addEventListener('rt:memos-changed', onChanged);
}

/** Calls `onNewDay(day)` when the reader's day turns over while `shows(previousDay)`. Stops once the screen is gone. */
function followMidnight(ctx, shows, onNewDay) {
  let shownToday = today();
  const timer = setInterval(() => {
    if (!ctx.isCurrent()) {
      clearInterval(timer);
      return;
    }
    const now = today();
    if (now !== shownToday && shows(shownToday)) onNewDay(now);
    shownToday = now;
  }, 60_000);
}

export function render(main, where, ctx) {
  const state = viewOf(where.params);
  let items = [];
  let fromCache = false;
  const editorSlot = h('div', { class: 'editor-slot' });
  const list = h('section', { class: 'flow-list', 'aria-labelledby': 'flow-date', tabindex: '-1' });
  const summary = h('p', { class: 'muted', role: 'status' });
  const regroup = (change) => {
    Object.assign(state, change, { page: 1 });
    load();
  };
  const controls = flowControls({
    view: state,
    onDate: pickDate,
    onMode: (mode) => regroup({ mode }),
    onTagCategory: (tagCategory) => regroup({ tagCategory }),
    onWrite: () => openWriter(),
    onCloseBook: () => closeTheBook(latestMemo()?.userBookId),
  });

  function pickDate(date) {
    Object.assign(state, { date, page: 1 });
    controls.closeCalendar();
    editorSlot.replaceChildren();
    load().then(() => list.focus());
  }

  /** Memos changed by this screen: the day again, and the reader back on the list. */
  async function reloadAndFocus(options) {
    await load(options);
    list.focus();
  }

  // Loads overlap (a reload after a sync, another after a discard): only the latest one may draw, or a slower,
  // older answer would bring back a memo that was just discarded.
  let latestLoad = 0;

  async function load({ lastPage = false, quiet = false } = {}) {
    const thisLoad = ++latestLoad;
    controls.show(state);
    if (!quiet) list.replaceChildren(loading());
    let flowData;
    try {
      // The server's day merged with this device's unsent memos; offline, the last copy of that day.
      const path = `/today-flow${qs({ date: state.date, sortBy: state.mode, tagCategory: state.tagCategory })}`;
      const answer = await offline().repository.todayFlow(path, () => api.all(path, mergeFlowPages, MEMO_PAGE), { tagCategory: state.tagCategory, date: state.date });
      flowData = answer.flow;
      fromCache = answer.offline;
    } catch (error) {
      if (thisLoad === latestLoad) list.replaceChildren(errorBox(error, load));
      return;
    }
    if (!ctx.isCurrent() || thisLoad !== latestLoad) return;
    const groups = groupsOf(flowData, state.mode);
    items = state.mode === 'TAG' ? flatten(onlyCategory(groups, state.tagCategory), groupLabel(tagLabel, state.tagCategory)) : flatten(groups, null);
    state.page = lastPage ? pageCount(items) : Math.min(state.page, pageCount(items));
    showPage();
  }

  function showPage() {
    replaceParams(state);
    summary.textContent = [t('flow.count', { count: items.length }), fromCache ? offlineText(lang()).cachedCopy : null].filter(Boolean).join(' · ');
    if (!items.length) {
      list.replaceChildren(h('p', { class: 'empty' }, state.date === today() ? t('flow.emptyToday') : t('flow.emptyDay')));
      return;
    }
    list.replaceChildren(...flowPage({
      items,
      page: state.page,
      card: (memo) => memoCard(memo, { onChanged: () => reloadAndFocus() }),
      onMove: (delta) => {
        state.page += delta;
        showPage();
        list.focus();
      },
    }));
    window.performance?.mark?.('flow-rendered');
  }

  /** The memo written last on the shown day (any grouping), whose book is the natural default. */
  const latestMemo = () => items.reduce((a, { memo }) => (!a || memo.memoStartTime > a.memoStartTime ? memo : a), null);

  async function openWriter(bookId) {
    const editor = await memoWriter({
      bookId: bookId ?? latestMemo()?.userBookId,
      onCancel: () => {
        editorSlot.replaceChildren();
        controls.writeButton.focus();
      },
      onSaved: async () => {
        editorSlot.replaceChildren();
        toast(t('memo.saved'), 'success');
        await reloadAndFocus({ lastPage: true });
      },
    });
    editorSlot.replaceChildren(editor);
    editor.querySelector('select, input')?.focus();
  }

  main.append(
    heading(t('flow.title')),
    h('div', { class: 'flow-layout' }, controls.element, h('div', { class: 'flow-main' }, summary, editorSlot, list)));

  reloadOnMemoChanges(ctx, () => list.querySelector('form') != null, () => load({ quiet: true }));
  // A page left open on "today" follows the reader's midnight.
  followMidnight(ctx, (day) => state.date === day, pickDate);

  return load().then(() => {
    if (where.params.write && state.date === today()) openWriter(Number(where.params.write));
  });
}
