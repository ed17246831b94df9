// Turns a today-flow answer into ordered groups, then into one list of memos with their group labels, which the
// timeline draws (flow-page.js).
import { formatTime } from '../time.js';
import { oldestFirst } from '../offline/memo-order.js';

const firstTime = (memos) => memos[0]?.memoStartTime ?? '';
// Object keys of book ids do not keep the server's order: order book groups by their first memo.
const byFirstMemo = (groups) => [...groups].sort((a, b) => firstTime(a.memos).localeCompare(firstTime(b.memos)));

function sessionsFrom(memosByBook) {
  const all = Object.values(memosByBook ?? {}).flatMap((g) => g.memos).sort(oldestFirst);
  const sessions = [];
  for (const memo of all) {
    const last = sessions.at(-1);
    if (last && last.userBookId === memo.userBookId) last.memos.push(memo);
    else sessions.push({ userBookId: memo.userBookId, bookTitle: memo.bookTitle, memos: [memo] });
  }
  return sessions;
}

/** [{title, memos}] or, for TAG, [{tagCode, books: [{title, memos}]}]. */
export function groupsOf(data, mode) {
  if (mode === 'TAG') {
    return Object.values(data.memosByTag ?? {}).map((tag) => ({
      tagCode: tag.tagCode,
      books: byFirstMemo(Object.values(tag.memosByBook ?? {})).map((b) => ({ title: b.bookTitle, memos: b.memos })),
    }));
  }
  if (mode === 'BOOK') return byFirstMemo(Object.values(data.memosByBook ?? {})).map((b) => ({ title: b.bookTitle, memos: b.memos }));
  const sessions = data.sessions ?? sessionsFrom(data.memosByBook);
  return sessions.map((s) => ({
    title: `${s.bookTitle} · ${formatTime(firstTime(s.memos))}–${formatTime(s.memos.at(-1)?.memoStartTime ?? '')}`,
    memos: s.memos,
  }));
}

export function flatten(groups, tagLabel) {
  const items = [];
  for (const g of groups) {
    if (g.tagCode !== undefined) {
      for (const b of g.books) for (const memo of b.memos) items.push({ group: tagLabel(g.tagCode), sub: b.title, memo });
    } else {
      for (const memo of g.memos) items.push({ group: g.title, sub: null, memo });
    }
  }
  return items;
}
