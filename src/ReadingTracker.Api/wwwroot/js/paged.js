// Paged lists. The server answers a list a page at a time, with `nextCursor` beside `data` (null on the last
// page); a screen that shows the whole list reads every page and merges them into one answer of the old shape,
// so what it caches for offline use is the whole list too.

/** The largest pages the server gives, so a long list takes few requests. */
export const MEMO_PAGE = 500;
export const LIST_PAGE = 200;

/**
 * Every page of `path`: `get(url)` answers the whole envelope {ok, data, nextCursor}; `merge(datas)` makes one
 * answer of the pages' data. A cursor seen twice ends the walk instead of looping.
 */
export async function readAllPages(get, path, merge, limit) {
  const datas = [];
  const seen = new Set();
  let cursor = null;
  do {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set('cursor', cursor);
    const envelope = await get(`${path}${path.includes('?') ? '&' : '?'}${params}`);
    datas.push(envelope?.data);
    seen.add(cursor);
    cursor = envelope?.nextCursor ?? null;
  } while (cursor && !seen.has(cursor));
  return merge(datas);
}

/** Pages of a bare array (devices, memo history). */
export const mergeArrays = (datas) => datas.flatMap((d) => d ?? []);

/** Pages of the shelf: {books, totalCount}; totalCount already counts the whole shelf. */
export const mergeShelf = (datas) => ({ books: datas.flatMap((d) => d?.books ?? []), totalCount: datas[0]?.totalCount ?? 0 });

/** Book groups keyed by userBookId, in the order of each book's first memo: later pages append. */
function mergeBookGroups(maps) {
  const merged = {};
  for (const map of maps) {
    for (const [key, group] of Object.entries(map ?? {})) {
      merged[key] ??= { ...group, memos: [], memoCount: 0 };
      const into = merged[key];
      into.memos.push(...group.memos);
      into.memoCount += group.memoCount;
    }
  }
  return merged;
}

/**
 * Keys of ordered maps, each page ordered by one rule the client cannot recompute (tag sort orders): a key
 * new on a page goes before the first key that follows it on that page and is already placed.
 */
function mergeOrder(keyLists) {
  const order = [];
  for (const keys of keyLists) {
    keys.forEach((key, i) => {
      if (order.includes(key)) return;
      const next = keys.slice(i + 1).find((k) => order.includes(k));
      order.splice(next === undefined ? order.length : order.indexOf(next), 0, key);
    });
  }
  return order;
}

/** Sessions are runs of one book: a run cut by a page boundary is joined again. */
function mergeSessions(lists) {
  const sessions = [];
  for (const session of lists.flat()) {
    const last = sessions.at(-1);
    if (last && last.userBookId === session.userBookId) last.memos = [...last.memos, ...session.memos];
    else sessions.push({ ...session, memos: [...session.memos] });
  }
  return sessions;
}

/** Pages of one day's today flow (memos are paged in time order, then each page is grouped) as one flow. */
export function mergeFlowPages(datas) {
  const pages = datas.filter(Boolean);
  if (pages.length <= 1) return pages[0] ?? null;
  const [first] = pages;
  const flow = { ...first, totalMemoCount: pages.reduce((n, p) => n + (p.totalMemoCount ?? 0), 0) };
  if (first.memosByBook) flow.memosByBook = mergeBookGroups(pages.map((p) => p.memosByBook));
  if (first.sessions) flow.sessions = mergeSessions(pages.map((p) => p.sessions ?? []));
  if (first.memosByTag) {
    const codes = mergeOrder(pages.map((p) => Object.keys(p.memosByTag ?? {})));
    flow.memosByTag = Object.fromEntries(codes.map((code) => {
      const parts = pages.map((p) => p.memosByTag?.[code]).filter(Boolean);
      return [code, { tagCode: code, memoCount: parts.reduce((n, t) => n + t.memoCount, 0), memosByBook: mergeBookGroups(parts.map((t) => t.memosByBook)) }];
    }));
  }
  return flow;
}
