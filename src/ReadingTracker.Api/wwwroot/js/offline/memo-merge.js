// Local and server memos as one list in which every memo appears once (docs/contract.md §8.5, scenario 6
// fixed for good). A local memo is matched to its server copy by server id or, before the create's answer
// arrived, by clientId. The local copy wins while it has unsent work; the server's once it is synced.

import { oldestFirst } from './memo-order.js';

/** A local memo in the server's MemoResponse shape, plus localId and syncStatus. */
export function toView(local) {
  return {
    id: local.serverId ?? null, localId: local.localId, clientId: local.clientId, userBookId: local.userBookId,
    bookTitle: local.bookTitle ?? '', bookIsbn: local.bookIsbn ?? null, pageNumber: local.pageNumber, content: local.content,
    tags: local.tags ?? [], tagCategory: local.tagCategory, memoStartTime: local.memoStartTime,
    createdAt: local.serverCreatedAt ?? local.memoStartTime, updatedAt: local.serverUpdatedAt ?? local.memoStartTime,
    version: local.version, syncStatus: local.syncStatus, conflict: Boolean(local.conflict), error: local.error ?? null, progress: local.progress ?? null,
    writtenSeq: local.writtenSeq ?? null,
  };
}

/**
 * Merges the server's memos with the local memos of the same scope (same book, same day...). A synced local
 * memo the server no longer lists was deleted elsewhere and is not shown; a local delete hides the memo.
 */
export function mergeMemos(locals, serverMemos) {
  const byServerId = new Map();
  const byClientId = new Map();
  for (const local of locals) {
    if (local.serverId != null) byServerId.set(local.serverId, local);
    if (local.clientId) byClientId.set(local.clientId, local);
  }
  const seen = new Set();
  const shown = new Map(); // key → view, so even a server list with a repeat shows it once
  for (const memo of serverMemos) {
    const local = byServerId.get(memo.id) ?? (memo.clientId ? byClientId.get(memo.clientId) : undefined);
    if (local) seen.add(local.localId);
    if (local?.deleted) continue;
    const key = local?.localId ?? memo.clientId ?? `s${memo.id}`;
    const useLocal = local && local.syncStatus !== 'synced' && !local.stale;
    shown.set(key, useLocal ? toView(local) : { ...memo, localId: local?.localId ?? memo.clientId ?? null, syncStatus: 'synced', conflict: Boolean(local?.conflict || memo.conflict) });
  }
  for (const local of locals) {
    if (seen.has(local.localId) || local.deleted) continue;
    if (local.syncStatus === 'synced' && local.serverId != null) continue;
    shown.set(local.localId, toView(local));
  }
  return [...shown.values()].sort(oldestFirst);
}

/** Local memos of one day ("yyyy-MM-dd", by memoStartTime) and optionally one shelf entry. */
export function inScope(locals, { date, userBookId } = {}) {
  return locals.filter((m) => (date == null || (m.memoStartTime ?? '').startsWith(date))
    // As text: an entry added offline has a temporary id (local-…), which is no number.
    && (userBookId == null || String(m.userBookId) === String(userBookId)));
}

function serverMemosOfFlow(flow) {
  const all = new Map();
  const add = (memos) => memos?.forEach((m) => all.set(m.id, m));
  Object.values(flow.memosByBook ?? {}).forEach((g) => add(g.memos));
  flow.sessions?.forEach((s) => add(s.memos));
  Object.values(flow.memosByTag ?? {}).forEach((tag) => Object.values(tag.memosByBook ?? {}).forEach((g) => add(g.memos)));
  return [...all.values()];
}

function bookGroups(memos) {
  const groups = {};
  for (const memo of memos) {
    const key = String(memo.userBookId);
    groups[key] ??= { bookId: memo.userBookId, bookTitle: memo.bookTitle, bookIsbn: memo.bookIsbn ?? null, memos: [], memoCount: 0 };
    groups[key].memos.push(memo);
    groups[key].memoCount += 1;
  }
  return groups;
}

function sessionsOf(memos) {
  const sessions = [];
  for (const memo of memos) {
    const last = sessions.at(-1);
    if (last && last.userBookId === memo.userBookId) last.memos.push(memo);
    else sessions.push({ userBookId: memo.userBookId, bookTitle: memo.bookTitle, memos: [memo] });
  }
  return sessions;
}

/**
 * A today-flow answer with the day's local memos merged in, regrouped the way the server groups: by book,
 * by session (runs of one book) and, for TAG, by tag. A server memo keeps the tag groups the server chose;
 * a local one goes under its own tags when they are of the asked category, else under "etc".
 */
export function mergeTodayFlow(flow, locals, { tagCategory = 'TYPE' } = {}) {
  const day = inScope(locals, { date: flow.date });
  // Nothing unsent (or to flag) on that day: the server's answer is the truth, in the server's own order.
  if (!day.some((m) => m.syncStatus !== 'synced' || m.deleted || m.conflict)) return flow;
  const merged = mergeMemos(day, serverMemosOfFlow(flow));
  const result = { ...flow, memosByBook: bookGroups(merged), sessions: sessionsOf(merged), totalMemoCount: merged.length };
  if (flow.sortBy !== 'TAG') return result;
  const serverTags = new Map();
  for (const [code, tag] of Object.entries(flow.memosByTag ?? {})) {
    for (const group of Object.values(tag.memosByBook ?? {})) for (const m of group.memos) serverTags.set(m.id, [...(serverTags.get(m.id) ?? []), code]);
  }
  const byTag = Object.fromEntries(Object.keys(flow.memosByTag ?? {}).map((code) => [code, []])); // the server's tag order first
  for (const memo of merged) {
    const own = memo.tagCategory === tagCategory && memo.tags?.length ? memo.tags : ['etc'];
    for (const code of (memo.id != null && serverTags.get(memo.id)) || own) (byTag[code] ??= []).push(memo);
  }
  result.memosByTag = Object.fromEntries(Object.entries(byTag).filter(([, memos]) => memos.length).map(([code, memos]) => [code, { tagCode: code, memoCount: memos.length, memosByBook: bookGroups(memos) }]));
  return result;
}
