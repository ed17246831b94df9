// The page's side of the offline engine: one instance per signed-in user. It owns the sync engine, the
// network monitor, the service worker's registration and Background Sync, and tells the screens when memos
// changed (here, in another tab, or in the worker). Screens use `repository` for memo reads and writes.
import { userDatabase } from './db.js';
import { createMemoRepository } from './memo-repository.js';
import { createNetworkMonitor } from './network-monitor.js';
import { queueCounts } from './sync-queue.js';
import { readAllPages, mergeShelf, LIST_PAGE } from '../paged.js';

const SYNC_TAG = 'rt-memo-sync';

/**
 * start({userId, request, transport, notify}) → client. request(method, path, options) is the page's api.js
 * request (reads, which throw ApiError); transport is the same HTTP client as the engine sees it.
 * notify(kind, data) reports to the UI:
 * 'changed' (memos changed: re-render), 'synced' {count}, 'failed' {count} (memos), 'shelfFailed' {count} (shelf
 * changes the server refused), 'network' state, 'auth'.
 */
export function startOfflineClient({ userId, request, transport, notify = () => {}, now = Date.now, uuid = () => crypto.randomUUID() }) {
  const db = userDatabase(userId);
  const env = { now, uuid };

  /** A pass's refusals, memos and shelf changes told apart (a summary without failedShelf is all memos). */
  function reportFailed(summary) {
    const shelf = summary.failedShelf ?? 0;
    const tags = summary.failedTags ?? 0;
    if (summary.failed - shelf - tags > 0) notify('failed', { count: summary.failed - shelf - tags });
    if (shelf > 0) notify('shelfFailed', { count: shelf });
    if (tags > 0) notify('tagFailed', { count: tags });
  }
  const repository = createMemoRepository({ db, env });
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`rt-memos-${userId}`);
  let timer = null;
  let stopped = false;

  const changed = (broadcast = true) => {
    notify('changed');
    if (broadcast) channel?.postMessage({ type: 'changed' });
  };

  // The sync code is fetched the first time something waits to be sent: a reader with an empty queue never loads it
  // (it is a sixth of the app shell; the service worker caches it for offline use all the same).
  let engine = null;
  // A load that failed is asked again on the next call.
  const engineOnce = () => (engine ??= import('./sync-engine.js').catch((error) => {
    engine = null;
    throw error;
  }).then(({ createSyncEngine }) => createSyncEngine({
    db, userId, transport, now,
    onEvent: (event) => {
      // A few items: lists show 🔄 at once. A bulk sync only updates the count, once per batch recorded (not per
      // memo); lists refresh after the pass.
      if (event.type === 'claimed') notify(event.items.length <= 20 ? 'changed' : 'progress');
      else if (event.type === 'recorded' && event.items.length > 20) notify('progress');
    },
  })));
  // Loaded ahead only from the service worker's cache: a load that fails on the network can stay failed in the page's
  // module map, and then the page could never sync.
  const preload = () => {
    if (navigator.serviceWorker?.controller) engineOnce().catch(() => {});
  };
  const idle = () => ({ synced: 0, late: 0, failed: 0, failedShelf: 0, failedTags: 0, invalid: 0, deferred: 0, halted: null, nextAttemptAt: null, byType: { CREATE: 0, UPDATE: 0, DELETE: 0, SHELF: 0, TAG: 0 } });

  async function sync(options = {}) {
    if (stopped) return null;
    if (!engine && !Object.values(await queueCounts(db)).some((n) => n > 0)) return idle();
    const summary = await (await engineOnce()).sync(options);
    if (summary.synced || summary.failed || summary.invalid || summary.deferred) changed();
    // Only memos whose editor had stopped waiting are news; a validation refusal shows on its memo instead.
    if (summary.late) notify('synced', { count: summary.late });
    reportFailed(summary);
    if (summary.halted === 'unreachable' || summary.halted === 'unavailable') monitor.reportUnreachable();
    else if (summary.synced) monitor.reportReachable();
    if (summary.halted === 'auth') notify('auth');
    schedule(summary.nextAttemptAt);
    return summary;
  }

  function schedule(at) {
    clearTimeout(timer);
    if (at == null || stopped) return;
    timer = setTimeout(() => sync(), Math.max(0, at - now()) + 50);
  }

  const monitor = createNetworkMonitor({
    onChange: (state, previous) => {
      notify('network', state);
      // Back in reach: whatever was waiting for the backoff goes now.
      if (state.serverReachable && !previous.serverReachable) {
        sync({ ignoreBackoff: true });
        warm();
      }
    },
  });

  async function requestBackgroundSync() {
    try {
      const registration = await navigator.serviceWorker?.ready;
      await registration?.sync?.register(SYNC_TAG);
    } catch {
      // No Background Sync (Firefox, Safari): the page syncs on reconnect and on its timer instead.
    }
  }

  /** After every local write: the worker may send it even if this tab closes; this tab tries at once. */
  function afterWrite() {
    changed();
    requestBackgroundSync();
    // Something waits to be sent: the sync code is loaded now, not on the reconnect that will need it.
    preload();
    if (monitor.state.serverReachable !== false && (navigator.onLine ?? true)) sync();
  }

  const onMessage = (event) => {
    if (event.data?.type === 'rt-sync-complete' || event.data?.type === 'rt-sync-progress') changed(false);
    // The worker's pass, told like the page's own: counts of what it sent and what was refused.
    if (event.data?.type === 'rt-sync-complete' && event.data.summary?.late) notify('synced', { count: event.data.summary.late });
    if (event.data?.type === 'rt-sync-complete' && event.data.summary) reportFailed(event.data.summary);
    if (event.data?.type === 'rt-auth-required') notify('auth');
  };
  navigator.serviceWorker?.addEventListener('message', onMessage);
  if (channel) channel.onmessage = () => notify('changed');
  // The network is back: the queue goes at once, without waiting for the monitor's settle and health check. The
  // pass is its own probe: no answer halts it at the first request and the monitor re-checks.
  const onOnline = () => sync({ ignoreBackoff: true });
  window.addEventListener('online', onOnline);
  // Offline, whatever the reader writes waits for the reconnect: the sync code is loaded now, not then.
  const onOffline = () => preload();
  window.addEventListener('offline', onOffline);

  // The shelf, cached while online, so the memo editor can offer the books offline; and each entry under its own
  // path, so every entry's page opens offline, opened before or not (the list already holds each entry in full).
  const warm = () => repository.cachedRead('/user/books',
    () => readAllPages((url) => request('GET', url, { envelope: true }), '/user/books', mergeShelf, LIST_PAGE))
    .then(({ data, offline }) => (offline ? null : cacheEntries(data?.books ?? []))).catch(() => {});

  /** Each shelf entry as its own cached read (`/user/books/{id}`), one transaction for the whole shelf. */
  const cacheEntries = (books) => db.write(['cache'], async (t) => {
    const at = now();
    await Promise.all(books.map((book) => t.put('cache', { path: `/user/books/${book.userBookId}`, data: book, at })));
  });

  monitor.check();
  warm();
  sync();

  const write = (fn) => async (...args) => {
    const result = await fn(...args);
    afterWrite();
    return result;
  };

  /** The screen stopped waiting before the server answered: the memo's later arrival gets a "synced" toast. */
  const announceLater = (localId) => db.write(['memos'], async (t) => {
    const memo = await t.get('memos', localId);
    if (!memo || memo.syncStatus === 'synced' || memo.syncStatus === 'failed') return memo ?? null;
    memo.announceSync = true;
    await t.put('memos', memo);
    return memo;
  });

  /** Waits (briefly) until a memo's write reached the server or was refused; unreachable → at once. */
  async function settle(localId, timeoutMs) {
    const deadline = now() + timeoutMs;
    for (;;) {
      const memo = await db.read(['memos'], (t) => t.get('memos', localId));
      const done = !memo || memo.syncStatus === 'synced' || memo.syncStatus === 'failed';
      if (done) return memo ?? null;
      if (now() >= deadline || monitor.state.serverReachable === false || navigator.onLine === false) return announceLater(localId);
      await new Promise((resolve) => { setTimeout(resolve, 40); });
    }
  }

  return {
    db,
    repository,
    monitor,
    cacheEntries,
    /** After a shelf change was queued (js/shelf-service.js): like a memo write, it goes at once when in reach. */
    shelfWritten: afterWrite,
    /** After an own-tag change was queued (js/tag-writes.js): the same. */
    tagWritten: afterWrite,
    settle,
    sync,
    counts: () => queueCounts(db),
    create: write(repository.create),
    update: write(repository.update),
    remove: write(repository.remove),
    retry: write(repository.retry),
    discard: write(repository.discard),
    stop() {
      stopped = true;
      clearTimeout(timer);
      monitor.stop();
      channel?.close();
      navigator.serviceWorker?.removeEventListener('message', onMessage);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    },
  };
}

/**
 * Registers the module service worker. onUpdate(apply) is called when a new version waits; apply() activates
 * it and reloads the page once it took control. updateViaCache 'none': update checks and a new worker's
 * imports go to the server, never to the HTTP cache.
 */
export async function registerServiceWorker({ onUpdate = () => {} } = {}) {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/', updateViaCache: 'none' });
  const offer = (worker) => onUpdate(() => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  return registration;
}
