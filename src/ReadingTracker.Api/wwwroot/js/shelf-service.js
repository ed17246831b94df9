// The shelf write path, offline-first (ADR-013): every change of a shelf entry is saved in the user's IndexedDB and
// queued (js/offline/shelf-queue.js), then the sync engine sends it, at once when the server is in reach. Online, a
// screen waits briefly for the answer, so it shows the server's message (a refusal goes back to the form); offline it
// gets "saved on this device" at once, the page shows the change, and it reaches the server later, exactly once.
// Reads put this device's queued changes on top of the server's (or the cached) entry.
import { ApiError, api } from './api.js';
import { t, lang } from './i18n.js';
import { today } from './time.js';
import { offline, cachedGet, cachedShelf } from './offline/current.js';
import { isUnreachable } from './offline/memo-repository.js';
import { SCREEN_WAIT_MS } from './offline/sync-policy.js';
import { Q } from './offline/sync-queue.js';
import { queueShelfChange, shelfItems, retryShelf, discardShelf, isTempId } from './offline/shelf-queue.js';
import { overlayEntry, overlayShelf } from './offline/shelf-overlay.js';

// Each shelf write of the API as a queued change: [method, path pattern, op].
const ROUTES = [
  ['POST', /^\/user\/books$/, 'ADD'],
  ['PUT', /^\/user\/books\/([^/?]+)$/, 'UPDATE'],
  ['PUT', /^\/user\/books\/([^/?]+)\/category\?category=([^&]+)$/, 'CATEGORY'],
  ['POST', /^\/user\/books\/([^/?]+)\/start-reading$/, 'START'],
  ['POST', /^\/user\/books\/([^/?]+)\/finish-reading$/, 'FINISH'],
  ['POST', /^\/memos\/books\/([^/?]+)\/close$/, 'CLOSE'],
  ['DELETE', /^\/user\/books\/([^/?]+)$/, 'REMOVE'],
];

const entryId = (text) => (/^\d+$/.test(text) ? Number(text) : decodeURIComponent(text));

/** {op, userBookId, body} for a shelf write of the API; null for any other request. */
export function toChange(method, path, body) {
  for (const [verb, pattern, op] of ROUTES) {
    const match = verb === method && pattern.exec(path);
    if (!match) continue;
    if (op === 'ADD') return { op, userBookId: null, body: body ?? {} };
    if (op === 'CATEGORY') return { op, userBookId: entryId(match[1]), body: { category: decodeURIComponent(match[2]) } };
    return { op, userBookId: entryId(match[1]), body: body ?? {} };
  }
  return null;
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** The entry as this device last saw it from the server: its version is what a change was made on. */
async function seenVersion(c, userBookId) {
  if (isTempId(userBookId)) return null;
  const hit = await c.db.read(['cache'], (tx) => tx.get('cache', `/user/books/${userBookId}`));
  return hit?.data?.version ?? null;
}

/** For a close: the day of the entry's first memo this device knows, and today (the start date the server would give). */
async function closeHint(c, userBookId) {
  const memos = await c.db.read(['memos'], (tx) => tx.all('memos', 'userBookId', userBookId));
  const days = memos.filter((m) => !m.deleted && m.memoStartTime).map((m) => m.memoStartTime.slice(0, 10)).sort();
  return { firstMemoDay: days[0] ?? null, today: today() };
}

/** Waits (briefly) for a queued change's answer; unreachable or out of time → at once, still queued. */
async function settleItem(c, seq) {
  const deadline = Date.now() + SCREEN_WAIT_MS;
  for (;;) {
    const item = await c.db.read(['queue'], (tx) => tx.get('queue', seq));
    if (!item || item.status === Q.SUCCESS || item.status === Q.FAILED) return item;
    const net = c.monitor.state;
    if (Date.now() >= deadline || net.serverReachable === false || navigator.onLine === false) return item;
    await sleep(40);
  }
}

/**
 * One shelf write, as the screens called the API before: resolves with the server's answer (message, entry,
 * conflict and lost values), or, while the server is out of reach, with the queued change ({message, queued,
 * userBookId}: an add's temporary id). A refusal is thrown like the API's, and the change is dropped.
 */
async function write(method, path, body) {
  const c = offline();
  const change = toChange(method, path, body);
  if (!c || !change) return api[method === 'DELETE' ? 'del' : method.toLowerCase()](path, body);
  const baseVersion = await seenVersion(c, change.userBookId);
  const startHint = change.op === 'CLOSE' ? await closeHint(c, change.userBookId) : null;
  const item = await queueShelfChange(c.db, { ...change, baseVersion, language: lang(), startHint }, { now: Date.now, uuid: () => crypto.randomUUID() });
  c.shelfWritten();
  if (!item) return { message: t('shelfOffline.removed'), queued: false };
  const settled = await settleItem(c, item.seq);
  if (settled?.status === Q.SUCCESS) {
    const answer = settled.result ?? {};
    if (answer.book) await c.cacheEntries([answer.book]);
    return { ...answer, userBookId: answer.userBookId ?? answer.book?.userBookId ?? change.userBookId };
  }
  if (settled?.status === Q.FAILED) {
    await discardShelf(c.db, settled.localId);
    const error = settled.error ?? {};
    throw new ApiError({ status: error.status ?? 400, code: error.code ?? 'REJECTED', message: error.message ?? t('shelfOffline.failed'), fields: error.fields ?? [] });
  }
  return { message: t('shelfOffline.queued'), queued: true, userBookId: item.data.userBookId };
}

/** The shelf writes of the screens, in the api.js shape. */
export const shelfApi = {
  post: (path, body) => write('POST', path, body),
  put: (path, body) => write('PUT', path, body),
  del: (path) => write('DELETE', path),
};

const itemsNow = async () => {
  const c = offline();
  return c ? shelfItems(c.db) : [];
};

/** The entry an add made offline became, once the server answered it; null while it waits. */
async function mappedId(tempId) {
  const add = (await itemsNow()).find((i) => i.data.tempId === tempId && i.status === Q.SUCCESS);
  return add ? add.data.userBookId : null;
}

/**
 * One entry, with this device's changes on top: from the server, else its cached copy, else (offline, never opened)
 * the cached shelf's copy of it; an entry added offline is made from its add. `{data, offline, movedTo}`.
 */
export async function shelfEntry(userBookId) {
  if (isTempId(userBookId)) {
    const movedTo = await mappedId(userBookId);
    if (movedTo != null) return { data: null, offline: false, movedTo };
    const data = overlayEntry(null, (await itemsNow()).filter((i) => i.data.userBookId === userBookId));
    if (!data) throw new ApiError({ status: 404, code: 'ENTRY_NOT_FOUND', message: t('shelfOffline.notFound') });
    return { data, offline: true };
  }
  let read;
  try {
    read = await cachedGet(`/user/books/${userBookId}`);
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    const shelf = await cachedShelf().catch(() => { throw error; });
    const book = shelf.data?.books?.find((b) => b.userBookId === userBookId);
    if (!book) throw error;
    read = { data: book, offline: true, cachedAt: shelf.cachedAt };
  }
  const items = (await itemsNow()).filter((i) => i.data.userBookId === userBookId);
  const data = overlayEntry(read.data, items, { cachedAt: read.offline ? read.cachedAt ?? 0 : null });
  if (!data) throw new ApiError({ status: 404, code: 'ENTRY_NOT_FOUND', message: t('shelfOffline.notFound') });
  return { data, offline: read.offline };
}

/**
 * The shelf list at `path` (one tab and order), with this device's changes on top. Offline and never loaded in that
 * order, it is the whole cached shelf's entries of that category.
 */
export async function shelfList(path, category = null) {
  let read;
  try {
    read = await cachedShelf(path);
    if (!read.offline) offline()?.cacheEntries(read.data?.books ?? []).catch(() => {});
  } catch (error) {
    if (!isUnreachable(error) || path === '/user/books') throw error;
    read = await cachedShelf('/user/books').catch(() => { throw error; });
    read = { ...read, offline: true };
  }
  const books = overlayShelf(read.data?.books ?? [], await itemsNow(), { category, cachedAt: read.offline ? read.cachedAt ?? 0 : null });
  return { data: { ...read.data, books, totalCount: books.length }, offline: read.offline };
}

/** The reader's answer to an entry's refused change. */
export async function retryShelfChange(group) {
  const c = offline();
  if (!c) return;
  await retryShelf(c.db, group, { now: Date.now, uuid: () => crypto.randomUUID() });
  c.shelfWritten();
}

export async function discardShelfChange(group) {
  const c = offline();
  if (!c) return;
  await discardShelf(c.db, group);
  c.shelfWritten();
}
