// Shelf changes offline (ADR-013): each change of a shelf entry is a SHELF item in the one sync queue, sent by the
// same engine under the same lock, with its own Idempotency-Key, and shown with the same states as a memo. The
// items of one entry share a queue group (`shelf-{id}`), so they reach the server in the order they were made. An
// entry added offline has a temporary id (`local-…`) until its add is answered: then every item of its group and
// every memo written on it is rewritten to the server's id, in the transaction that records the answer, and the
// memos (held back until then) go.
import { Q, newItem, itemsOf, writeQueue } from './sync-queue.js';

export const SHELF = 'SHELF';
export const TEMP_PREFIX = 'local-';

export const isTempId = (id) => typeof id === 'string' && id.startsWith(TEMP_PREFIX);
/** The queue group of one entry's changes. */
export const shelfGroup = (userBookId) => `shelf-${userBookId}`;
export const isShelfItem = (item) => item.type === SHELF;

/** The HTTP request for a shelf change; null while its entry has only a temporary id (nothing to address yet). */
export function shelfRequest(item) {
  const { op, userBookId, body = {}, baseVersion } = item.data;
  // The reader's UI language goes with the change: the answer's message is shown on the screen, and the service
  // worker, which may be the one to send it, does not know the page's language.
  const headers = { 'Idempotency-Key': item.idempotencyKey, ...(item.data.language ? { 'Accept-Language': item.data.language } : {}) };
  if (op === 'ADD') return { method: 'POST', path: '/user/books', body, headers };
  if (isTempId(userBookId)) return null;
  const base = baseVersion != null ? { baseVersion } : {};
  const path = `/user/books/${userBookId}`;
  switch (op) {
    case 'UPDATE': return { method: 'PUT', path, body: { ...body, ...base }, headers };
    case 'CATEGORY': {
      const query = `category=${encodeURIComponent(body.category)}${baseVersion != null ? `&baseVersion=${baseVersion}` : ''}`;
      return { method: 'PUT', path: `${path}/category?${query}`, headers };
    }
    case 'START': return { method: 'POST', path: `${path}/start-reading`, body: { ...body, ...base }, headers };
    case 'FINISH': return { method: 'POST', path: `${path}/finish-reading`, body: { ...body, ...base }, headers };
    case 'CLOSE': return { method: 'POST', path: `/memos/books/${userBookId}/close`, body: { ...body, ...base }, headers };
    case 'REMOVE': return { method: 'DELETE', path, headers };
    default: return null;
  }
}

/**
 * Queues one change of an entry. The first open change of an entry carries the version the reader saw (its
 * baseVersion); a change made on top of changes still queued carries none yet: it takes the version the change
 * before it was answered with, so this device's own changes are never late to each other. Returns the item.
 */
export function queueShelfChange(db, { op, userBookId, body = {}, baseVersion = null, language = null, startHint = null }, env) {
  return writeQueue(db, async (t) => {
    const entryId = op === 'ADD' ? `${TEMP_PREFIX}${env.uuid()}` : userBookId;
    const group = shelfGroup(entryId);
    const open = (await itemsOf(t, group)).filter((i) => i.status !== Q.SUCCESS);
    if (op === 'REMOVE' && open.some((i) => i.data.op === 'ADD' && !i.sent)) {
      // Added and removed before the add ever left: nothing reaches the server, the memos written on it go too.
      await forgetEntry(t, entryId, open);
      return null;
    }
    const chained = open.length > 0;
    const item = newItem(SHELF, group, { op, userBookId: entryId, body, baseVersion: chained ? null : baseVersion, chained, language }, env);
    if (op === 'ADD') item.data.tempId = entryId;
    // A close's start date for a book not started, shown until the answer brings the server's (shelf-overlay.js).
    if (startHint) item.data.startHint = startHint;
    item.seq = await t.put('queue', item);
    return item;
  });
}

async function forgetEntry(t, entryId, open) {
  for (const item of open) await t.delete('queue', item.seq);
  for (const memo of await t.all('memos', 'userBookId', entryId)) {
    for (const item of await itemsOf(t, memo.localId)) await t.delete('queue', item.seq);
    await t.delete('memos', memo.localId);
  }
}

/**
 * A shelf change the server accepted, inside the engine's recording transaction: the answer is kept on the item
 * (reads show it until the cached entry catches up), the next queued change of the entry gets its baseVersion,
 * and an add maps the entry's temporary id to the server's everywhere it was used.
 */
export async function shelfSucceeded(t, item, data) {
  item.result = data ?? null;
  const group = await itemsOf(t, item.localId);
  const next = group.find((i) => i.seq > item.seq && i.status !== Q.SUCCESS && !i.sent);
  if (next && next.data.baseVersion == null && data?.book?.version != null) {
    next.data = { ...next.data, baseVersion: data.book.version };
    await t.put('queue', next);
  }
  if (item.data.op !== 'ADD' || data?.userBookId == null) return;
  const serverId = data.userBookId;
  const tempId = item.data.userBookId;
  item.data = { ...item.data, userBookId: serverId };
  item.localId = shelfGroup(serverId);
  for (const other of group) {
    if (other.seq === item.seq) continue;
    other.localId = shelfGroup(serverId);
    other.data = { ...other.data, userBookId: serverId };
    await t.put('queue', other);
  }
  for (const memo of await t.all('memos', 'userBookId', tempId)) {
    memo.userBookId = serverId;
    await t.put('memos', memo);
    for (const memoItem of await itemsOf(t, memo.localId)) {
      if (memoItem.data?.userBookId !== tempId) continue;
      memoItem.data = { ...memoItem.data, userBookId: serverId };
      await t.put('queue', memoItem);
    }
  }
}

/** Every shelf item on this device (open and recently sent), in the order they were made. */
export const shelfItems = (db) => db.read(['queue'], async (t) => (await t.all('queue')).filter(isShelfItem));

/** The reader's "retry" on an entry's refused change: it goes again, with a new Idempotency-Key. */
export function retryShelf(db, group, env) {
  return writeQueue(db, async (t) => {
    for (const item of await itemsOf(t, group)) {
      if (item.status !== Q.FAILED) continue;
      Object.assign(item, { status: Q.PENDING, idempotencyKey: env.uuid(), attempts: 0, nextAttemptAt: 0, sent: null, error: null, updatedAt: env.now() });
      await t.put('queue', item);
    }
  });
}

/**
 * The reader's "discard": the refused changes of the entry are dropped and the server's entry shows again. A
 * refused add takes the whole entry with it: its later changes and the memos written on it.
 */
export function discardShelf(db, group) {
  return writeQueue(db, async (t) => {
    const items = await itemsOf(t, group);
    const failedAdd = items.find((i) => i.status === Q.FAILED && i.data.op === 'ADD');
    if (failedAdd) {
      await forgetEntry(t, failedAdd.data.userBookId, items);
      return;
    }
    for (const item of items) if (item.status === Q.FAILED) await t.delete('queue', item.seq);
  });
}
