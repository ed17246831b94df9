// The memo read and write path over one user's database: writes go to IndexedDB and the queue first (then
// the engine sends them), reads merge the server's answer with what is still local, and fall back to the
// last cached answer when the server cannot be reached.
import { saveDraft, updateMemo, deleteMemo, retryMemo, discardFailed } from './sync-queue.js';
// The merge code is fetched on the first memo read (a memo screen), not with the app shell.
const merging = () => import('./memo-merge.js');

/** A fetch that had no answer (offline, server down): the only case in which a cached read is used. */
export const isUnreachable = (error) => error?.status === 0 || error?.status === 502 || error?.status === 503 || error?.status === 504;

export function createMemoRepository({ db, env }) {
  const allLocal = () => db.read(['memos'], (t) => t.all('memos'));

  /** A server memo the user edits or deletes becomes local (synced) first, so the queue can refer to it. */
  function adopt(view) {
    return db.write(['memos'], async (t) => {
      if (view.localId) {
        const known = await t.get('memos', view.localId);
        if (known) return known.localId;
      }
      const bySid = view.id != null ? await t.first('memos', 'serverId', view.id) : undefined;
      if (bySid) return bySid.localId;
      const localId = view.clientId ?? `s-${view.id}`;
      const memo = {
        localId, serverId: view.id, version: view.version ?? null, userBookId: view.userBookId, bookTitle: view.bookTitle,
        bookIsbn: view.bookIsbn ?? null, pageNumber: view.pageNumber, content: view.content, tags: view.tags ?? [],
        tagCategory: view.tagCategory ?? 'TYPE', memoStartTime: view.memoStartTime, serverCreatedAt: view.createdAt,
        serverUpdatedAt: view.updatedAt, deleted: false, conflict: false, syncStatus: 'synced', createdAt: env.now(), updatedAt: env.now(),
      };
      if (view.clientId) memo.clientId = view.clientId;
      await t.put('memos', memo);
      return localId;
    });
  }

  /** A GET whose answer is cached per user; unreachable → the cached answer, flagged `offline`. */
  async function cachedRead(path, fetcher) {
    try {
      const data = await fetcher();
      await db.write(['cache'], (t) => t.put('cache', { path, data, at: env.now() }));
      return { data, offline: false };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const hit = await db.read(['cache'], (t) => t.get('cache', path));
      if (!hit) throw error;
      return { data: hit.data, offline: true, cachedAt: hit.at };
    }
  }

  return {
    allLocal,
    cachedRead,
    /** A second save of the same draft (same clientId) edits the memo instead of queueing a second create. */
    create: (input) => saveDraft(db, input, env),
    async update(view, changes) {
      return updateMemo(db, await adopt(view), changes, env);
    },
    async remove(view) {
      return deleteMemo(db, await adopt(view), env);
    },
    retry: (localId) => retryMemo(db, localId, env),
    discard: (localId) => discardFailed(db, localId),

    /** The memos of one shelf entry (optionally one day), server and local merged. */
    async forBook(userBookId, date, path, fetcher) {
      const { data, offline } = await cachedRead(path, fetcher);
      const { mergeMemos, inScope } = await merging();
      return { memos: mergeMemos(inScope(await allLocal(), { userBookId, date }), data ?? []), offline };
    },

    /** A today-flow answer with the day's local memos merged in. */
    async todayFlow(path, fetcher, { tagCategory, date }) {
      let result;
      try {
        result = await cachedRead(path, fetcher);
      } catch (error) {
        // Offline with nothing cached for that day: the local memos alone still make a flow.
        if (!isUnreachable(error)) throw error;
        result = { data: { date, sortBy: 'SESSION', memosByBook: {}, memosByTag: null, totalMemoCount: 0 }, offline: true };
      }
      const { mergeTodayFlow } = await merging();
      return { flow: mergeTodayFlow(result.data, await allLocal(), { tagCategory }), offline: result.offline };
    },
  };
}
