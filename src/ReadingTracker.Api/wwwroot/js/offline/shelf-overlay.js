// What a shelf read shows while changes wait (ADR-013): the server's (or the cached) entry with this device's
// queued shelf changes applied on top, in the order they were made, so the reader sees a change at once and after a
// reload, online or off. Pure functions over entries and queue items; client-tests/test/shelf-queue.test.js pins them.
import { Q } from './sync-queue.js';
import { isShelfItem } from './shelf-queue.js';

const withProgress = (entry, page) => ({ ...entry, readingProgress: page, lastReadPage: page });
const withStart = (entry, date) => ({ ...entry, readingStartDate: date, lastReadAt: date });

/** The category a close at `page` of `total` leaves: below 81 % Reading, then AlmostFinished, the last page Finished. */
function closedCategory(page, total) {
  if (page >= total) return 'Finished';
  return page / total < 0.81 ? 'Reading' : 'AlmostFinished';
}

/** An entry as one change leaves it (null: removed). The server may resolve it differently; its answer then wins. */
export function applyChange(entry, { op, body = {}, startHint = null }) {
  if (!entry) return entry;
  switch (op) {
    case 'UPDATE': {
      let next = { ...entry };
      for (const key of ['category', 'expectation', 'purchaseType', 'readingFinishedDate', 'rating', 'review']) {
        if (body[key] !== undefined) next[key] = body[key];
      }
      if (body.readingStartDate !== undefined) next = withStart(next, body.readingStartDate);
      if (body.readingProgress !== undefined) next = withProgress(next, body.readingProgress);
      return next;
    }
    case 'CATEGORY':
      return { ...entry, category: body.category };
    case 'START':
      return withProgress(withStart({
        ...entry, category: 'Reading', purchaseType: body.purchaseType ?? entry.purchaseType, readingFinishedDate: null, rating: null, review: null,
      }, body.readingStartDate), body.readingProgress);
    case 'FINISH':
      return withProgress({
        ...entry, category: 'Finished', readingFinishedDate: body.readingFinishedDate, rating: body.rating, review: body.review ?? entry.review,
      }, entry.totalPages || entry.readingProgress);
    case 'CLOSE': {
      // As the server closes (contract 4.3): with a page count the share decides the category. A book not started
      // takes the day of its first memo (which is sent before the close), else today, as its start date; one still
      // "to read" (no page count) keeps the day its memos began. The hint is this device's guess of those days (the
      // memos it knows); the answer brings the server's.
      const page = Math.max(body.lastReadPage ?? 0, entry.readingProgress ?? 0);
      const total = entry.totalPages > 0 ? entry.totalPages : null;
      const done = total != null && page >= total;
      const category = total == null ? entry.category : closedCategory(page, total);
      const start = category === 'ToRead' ? startHint?.firstMemoDay ?? entry.readingStartDate : entry.readingStartDate ?? startHint?.firstMemoDay ?? startHint?.today;
      const closed = withProgress({ ...entry, category, readingStartDate: start ?? null }, page);
      return done ? { ...closed, readingFinishedDate: body.readingFinishedDate, rating: body.rating, review: body.review ?? entry.review } : closed;
    }
    case 'REMOVE':
      return null;
    default:
      return entry;
  }
}

/** The entry an add made offline stands for, from what was typed or picked from search results. */
export function addedEntry(item) {
  const b = item.data.body ?? {};
  return {
    userBookId: item.data.userBookId, bookId: null, isbn: b.isbn ?? null, title: b.title ?? '', author: b.author ?? '',
    publisher: b.publisher ?? null, description: b.description ?? null, coverUrl: b.coverUrl ?? null, totalPages: b.totalPages ?? null,
    mainGenre: b.mainGenre ?? null, pubDate: b.pubDate ?? null, category: b.category ?? 'ToRead', expectation: b.expectation ?? null,
    lastReadPage: b.readingProgress ?? null, lastReadAt: b.readingStartDate ?? null, readingFinishedDate: b.readingFinishedDate ?? null,
    purchaseType: b.purchaseType ?? null, addedAt: b.addedAt ?? null, rating: b.rating ?? null, review: b.review ?? null,
    readingStartDate: b.readingStartDate ?? null, readingProgress: b.readingProgress ?? null, version: null,
  };
}

/** The calm state of an entry's changes: failed (with the refusal), pending (still to be sent), or null (all sent). */
export function entryState(items) {
  const failed = items.find((i) => i.status === Q.FAILED);
  if (failed) return { state: 'failed', error: failed.error, group: failed.localId };
  const open = items.find((i) => i.status !== Q.SUCCESS);
  return open ? { state: 'pending', group: open.localId } : null;
}

/**
 * One entry with its changes on top. Open changes always apply. Sent ones matter only on a copy older than their
 * answer (a cached read): the answered entry replaces an older one, an accepted removal hides it.
 */
export function overlayEntry(entry, items, { cachedAt = null } = {}) {
  let shown = entry;
  const mine = [];
  for (const item of [...items].filter(isShelfItem).sort((a, b) => a.seq - b.seq)) {
    const sent = item.status === Q.SUCCESS;
    if (sent && (cachedAt == null || item.updatedAt <= cachedAt)) continue;
    if (item.data.op === 'ADD') {
      if (!shown) shown = addedEntry(item);
    } else if (sent && item.result?.book) {
      if (shown && (shown.version ?? 0) < item.result.book.version) shown = item.result.book;
    } else if (item.status !== Q.FAILED || item.data.op !== 'REMOVE') {
      shown = applyChange(shown, item.data);
    }
    if (!sent) mine.push(item);
  }
  return shown ? { ...shown, offlineState: entryState(mine) } : null;
}

/** The shelf (optionally one category) with every entry's changes on top, and the entries added offline. */
export function overlayShelf(books, items, { category = null, cachedAt = null } = {}) {
  const byEntry = new Map();
  for (const item of items.filter(isShelfItem)) {
    const key = String(item.data.userBookId);
    byEntry.set(key, [...(byEntry.get(key) ?? []), item]);
  }
  const shown = [];
  const seen = new Set();
  for (const book of books) {
    const key = String(book.userBookId);
    seen.add(key);
    const entry = byEntry.has(key) ? overlayEntry(book, byEntry.get(key), { cachedAt }) : book;
    if (entry) shown.push(entry);
  }
  for (const [key, group] of byEntry) {
    if (seen.has(key) || !group.some((i) => i.data.op === 'ADD')) continue;
    const entry = overlayEntry(null, group, { cachedAt });
    if (entry) shown.push(entry);
  }
  return category ? shown.filter((b) => b.category === category) : shown;
}
