// Today flow: one day's memos grouped by session, book or tag, as one timeline that loads the day's next memos
// as the reader scrolls (the server pages the day by cursor). This screen keeps the view (day, grouping, tag
// category, the open composer's book) in the URL and reloads the day when it changes, when memos change, and at
// midnight; the controls (flow-controls.js), the timeline (flow-page.js, memo-card.js) and the actions
// (flow-actions.js) draw themselves from what it passes them.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { request, qs } from '../api.js';
import { replaceParams } from '../router.js';
import { today } from '../time.js';
import { tagLabel } from '../tags.js';
import { offline } from '../offline/current.js';
import { mergeFlowPages, MEMO_PAGE } from '../paged.js';
import { offlineText } from '../offline/labels.js';
import { errorBox, loading } from './common.js';
import { toast } from './toast.js';
import { groupsOf, flatten } from './flow-groups.js';
import { flowControls } from './flow-controls.js';
import { flowItems, loadMore } from './flow-page.js';
import { memoCard } from './memo-card.js';
import { memoWriter, closeTheBook } from './flow-actions.js';
import { rememberBook } from './write-fab.js';
import { onlyCategory, groupLabel } from './tags-groups.js';

export const titleKey = 'flow.title';
export const requiresAuth = () => true;

/** Memos a load asks the server for: a phone screen and more, so the first paint fills it. */
export const FLOW_CHUNK = 30;

/** The view a URL asks for, with anything unreadable replaced by its default. */
function viewOf(params) {
  return {
    date: /^\d{4}-\d{2}-\d{2}$/.test(params.date ?? '') ? params.date : today(),
    mode: ['SESSION', 'BOOK', 'TAG'].includes(params.mode) ? params.mode : 'SESSION',
    tagCategory: params.tagCategory === 'TOPIC' ? 'TOPIC' : 'TYPE',
    write: /^(\d+|ask)$/.test(params.write ?? '') ? params.write : null,
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

/** Calls `relabel` when the reader's own tags change (names, merges); stops once the screen is gone. */
function relabelOnTagChanges(ctx, relabel) {
  const onChanged = () => {
    if (ctx.isCurrent()) relabel();
    else window.removeEventListener('rt:tags-changed', onChanged);
  };
  window.addEventListener('rt:tags-changed', onChanged);
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
  let accepted = null;
  let fromCache = false;
  // The server pages of the shown view loaded so far, and the cursor of the next one (null: the day is complete).
  let pages = [];
  let cursor = null;
  let end = null;
  const editorSlot = h('div', { class: 'editor-slot' });
  const list = h('section', { class: 'flow-list', 'aria-labelledby': 'flow-date', tabindex: '-1' });
  const summary = h('p', { class: 'muted', role: 'status' });
  const regroup = (change) => {
    Object.assign(state, change);
    load();
  };
  const controls = flowControls({
    view: state,
    onDate: pickDate,
    onMode: (mode) => regroup({ mode }),
    onTagCategory: (tagCategory) => regroup({ tagCategory }),
    onWrite: () => openWriter(),
    onCloseBook: () => closeTheBook(latestMemo()?.userBookId, state.date),
  });

  function closeWriter() {
    editorSlot.replaceChildren();
    state.write = null;
    replaceParams(viewParams());
  }

  function pickDate(date) {
    state.date = date;
    controls.closeCalendar();
    // The composer's text stays in its draft (memo-editor.js) and comes back when it is opened again.
    closeWriter();
    load().then(() => list.focus());
  }

  const viewParams = () => ({ date: state.date, mode: state.mode, tagCategory: state.tagCategory, write: state.write });
  const memoCount = (loaded) => loaded.reduce((n, p) => n + (p?.totalMemoCount ?? 0), 0);

  // Loads overlap (a reload after a sync, another after a discard, a "load more"): only the latest one may draw,
  // or a slower, older answer would bring back a memo that was just discarded.
  let latestLoad = 0;
  // The memo a load was asked to focus (the one just saved): kept until a load draws, so that a newer load (a sync's
  // reload) that overtakes the one that asked still puts the reader on it.
  let pendingFocus = null;

  /**
   * One request of the shown view, merged with what is loaded and with this device's unsent memos; offline, the
   * last copy of the day (which then has no more to load). `next` continues at the cursor; otherwise the day
   * starts again with `limit` memos.
   */
  async function fetchView({ next: continues, limit }) {
    const path = `/today-flow${qs({ date: state.date, sortBy: state.mode, tagCategory: state.tagCategory })}`;
    let loaded = continues ? pages : [];
    let next = null;
    const fetcher = async () => {
      const paging = qs({ limit, cursor: continues ? cursor : null }).slice(1);
      const envelope = await request('GET', `${path}&${paging}`, { envelope: true });
      loaded = [...loaded, envelope.data];
      next = envelope.nextCursor ?? null;
      return mergeFlowPages(loaded);
    };
    // The cached copy under `path` is the day as far as it was loaded, so offline shows what was seen.
    const answer = await offline().repository.todayFlow(path, fetcher, { tagCategory: state.tagCategory, date: state.date });
    return { flow: answer.flow, offline: answer.offline, pages: answer.offline ? [] : loaded, cursor: answer.offline ? null : next };
  }

  /** The day from its start; `keep` asks for at least as many memos as are shown (a reload after a change). */
  async function load({ quiet = false, keep = false, focus = null } = {}) {
    const thisLoad = ++latestLoad;
    if (focus) pendingFocus = focus;
    controls.show(state);
    if (!quiet) {
      end?.disconnect();
      list.replaceChildren(loading());
    }
    const limit = keep ? Math.min(MEMO_PAGE, Math.max(FLOW_CHUNK, memoCount(pages) + 1)) : FLOW_CHUNK;
    let answer;
    try {
      answer = await fetchView({ next: false, limit });
    } catch (error) {
      if (thisLoad === latestLoad) list.replaceChildren(errorBox(error, load));
      return;
    }
    if (!ctx.isCurrent() || thisLoad !== latestLoad) return;
    // A quiet reload (a sync's) that finds an edit opened in the list meanwhile draws nothing: it would be drawn away.
    if (quiet && list.querySelector('form')) return;
    accept(answer);
    show();
    const wanted = pendingFocus;
    pendingFocus = null;
    focusMemo(wanted);
  }

  /** The next memos of the day, below the ones shown; `focusNew` moves the focus to the first of them. */
  async function more(focusNew) {
    // An edit open in the list would be drawn away: the rest waits until it is saved or cancelled.
    if (!cursor || list.querySelector('form')) return;
    const thisLoad = latestLoad;
    const shown = list.querySelectorAll('article.memo').length;
    let answer;
    try {
      answer = await fetchView({ next: true, limit: FLOW_CHUNK });
    } catch (error) {
      toast(error.message, 'error');
      return;
    }
    if (!ctx.isCurrent() || thisLoad !== latestLoad) return;
    // The button had the focus (the reader tabbed to it, which scrolled it into view and loaded by itself).
    const fromButton = end?.element.contains(document.activeElement);
    accept(answer);
    show();
    if (focusNew || fromButton) {
      const first = list.querySelectorAll('article.memo')[shown];
      if (first) focusArticle(first);
      else list.focus();
    }
  }

  function accept(answer) {
    accepted = answer;
    fromCache = answer.offline;
    pages = answer.pages;
    cursor = answer.cursor;
    const groups = groupsOf(answer.flow, state.mode);
    items = state.mode === 'TAG' ? flatten(onlyCategory(groups, state.tagCategory), groupLabel(tagLabel, state.tagCategory)) : flatten(groups, null);
  }

  function show() {
    replaceParams(viewParams());
    const count = items.length;
    summary.textContent = [cursor ? t('flow.countSoFar', { count }) : t('flow.count', { count }), fromCache ? offlineText(lang()).cachedCopy : null].filter(Boolean).join(' · ');
    end?.disconnect();
    end = null;
    if (!items.length) {
      list.replaceChildren(h('p', { class: 'empty' }, state.date === today() ? t('flow.emptyToday') : t('flow.emptyDay')));
      return;
    }
    end = cursor ? loadMore(more) : null;
    const kept = focusInList();
    list.replaceChildren(...flowItems({
      items,
      card: (memo) => Object.assign(memoCard(memo, { onChanged: () => reloadAndFocus() }), { memoKeys: keysOf(memo) }),
    }), ...(end ? [end.element] : []));
    kept?.();
    window.performance?.mark?.('flow-rendered');
  }

  /**
   * The list is drawn anew on every load: where the focus was in a memo (a button of it, or the memo itself), a
   * function that puts it back on the same place of the memo's new card; null when the focus was elsewhere.
   */
  function focusInList() {
    const active = document.activeElement;
    const article = active?.closest?.('article.memo');
    if (!article || !list.contains(article)) return null;
    const keys = article.memoKeys;
    const index = [...article.querySelectorAll('button')].indexOf(active);
    return () => {
      const again = articleOf(keys);
      if (!again) return;
      const target = index >= 0 ? again.querySelectorAll('button')[index] : null;
      if (target) target.focus();
      else focusArticle(again);
    };
  }

  // A memo is known by its server id, its clientId and its local id: the list may show either copy of it.
  const keysOf = (memo) => [memo.id, memo.clientId, memo.localId].filter((k) => k != null).map(String);
  const articleOf = (keys) => [...list.querySelectorAll('article.memo')].find((a) => a.memoKeys?.some((k) => keys.includes(k)));

  function focusArticle(article) {
    article.tabIndex = -1;
    article.focus();
    article.scrollIntoView?.({ block: 'nearest' });
  }

  /** After a save: the reader lands on the memo just written, or on the list when it is not among those shown. */
  function focusMemo(memo) {
    if (!memo) return;
    const article = articleOf(keysOf(memo));
    if (article) focusArticle(article);
    else list.focus();
  }

  /** Memos changed by this screen: the day again (as far as it was shown), and the reader back on the list. */
  async function reloadAndFocus() {
    await load({ keep: true });
    list.focus();
  }

  /** The memo written last on the shown day (any grouping), whose book is the natural default. */
  const latestMemo = () => items.reduce((a, { memo }) => (!a || memo.memoStartTime > a.memoStartTime ? memo : a), null);

  /** The composer above the timeline, for `bookId` (or the book written last); `ask` starts on the book choice. */
  async function openWriter(bookId, { ask = false } = {}) {
    const editor = await memoWriter({
      bookId: bookId ?? latestMemo()?.userBookId,
      day: state.date,
      onBookChange: (id) => {
        state.write = String(id);
        replaceParams(viewParams());
      },
      onCancel: () => {
        closeWriter();
        controls.writeButton.focus();
      },
      onSaved: async (saved) => {
        closeWriter();
        if (saved?.userBookId != null) rememberBook(saved.userBookId);
        toast(t('memo.saved'), 'success');
        // A memo written for another day shows on that day.
        const day = saved?.memoStartTime?.slice(0, 10);
        if (day && day !== state.date) {
          state.date = day;
          await load({ focus: saved });
        } else {
          await load({ keep: true, focus: saved });
        }
      },
    });
    if (!ctx.isCurrent()) return;
    editorSlot.replaceChildren(editor);
    const chosen = editor.querySelector('select[name="userBookId"]');
    state.write = chosen ? String(chosen.value) : null;
    replaceParams(viewParams());
    editor.scrollIntoView?.({ block: 'nearest' });
    const target = ask && chosen ? chosen : editor.querySelector('textarea') ?? editor.querySelector('a, select, input');
    target?.focus();
  }

  main.append(
    controls.dayBar,
    editorSlot,
    h('div', { class: 'flow-layout' }, controls.element, h('div', { class: 'flow-main' }, summary, list)));

  reloadOnMemoChanges(ctx, () => list.querySelector('form') != null, () => load({ quiet: true, keep: true }));
  relabelOnTagChanges(ctx, () => {
    // The tag view's headings are tags' names, which may arrive after the list (a tag created offline): drawn again.
    if (state.mode !== 'TAG' || !accepted || list.querySelector('form')) return;
    accept(accepted);
    show();
  });
  // A page left open on "today" follows the reader's midnight, unless the reader is writing.
  followMidnight(ctx, (day) => state.date === day && !editorSlot.firstChild, pickDate);

  const write = state.write;
  return load().then(() => {
    if (write && ctx.isCurrent()) openWriter(write === 'ask' ? undefined : Number(write), { ask: write === 'ask' });
  });
}
