// The service worker (a module worker: navigator.serviceWorker.register('/sw.js', {type: 'module'})).
// 1. App shell: stored per version on install, old versions removed on activate; pages load network-first
//    and fall back to the stored shell offline. An update waits until the page's "update available" prompt
//    sends SKIP_WAITING. API calls are never cached here (Cache Storage is not per user; IndexedDB is).
// 2. Memo sync with the page closed: Background Sync runs the same sync engine as the page, under the same
//    Web Lock, with the user's own token from the shared session store. It never answers for the server:
//    a write that did not reach it stays queued (the earlier worker invented 200s, docs/contract.md §8.3).
import { SHELL_FILES } from './js/offline/shell-files.js';
import { createSessionStore } from './js/offline/session.js';
import { userDatabase } from './js/offline/db.js';
import { createSyncEngine } from './js/offline/sync-engine.js';
import { createHttpClient } from './js/offline/transport.js';

// The server replaces this literal with a hash of the client's files (Http/ServiceWorkerScript.cs): any change
// to the client changes this worker's bytes, so the browser installs it, and the page offers the update.
const SHELL_VERSION = 'unversioned';
const PREFIX = 'rt-shell-';
const CACHE = PREFIX + SHELL_VERSION;
const SYNC_TAG = 'rt-memo-sync';
const NETWORK_TIMEOUT_MS = 4000;

// The reader's session, shared with the pages; the same HTTP client as theirs. A refused refresh is left to
// the page (told below), which ends the session and asks the reader to log in.
const sessions = createSessionStore();
const http = createHttpClient({ session: sessions });

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL_FILES.map((path) => new Request(path, { cache: 'reload' })));
    // The first worker takes over at once; a later one waits for the user (the page shows the prompt).
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function networkFirst(request, fallbackPath) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => { setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS); }),
    ]);
    if (response.ok && response.type === 'basic') await cache.put(fallbackPath ?? request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(fallbackPath ?? request, { ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, '/index.html'));
  else event.respondWith(networkFirst(request));
});

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) client.postMessage(message);
}

/** One pass of the shared engine for the signed-in user. Rejects when work is left, so the browser retries. */
async function syncMemos(lastChance) {
  const session = await sessions.load();
  if (!session?.userId) return;
  const engine = createSyncEngine({
    db: userDatabase(session.userId),
    userId: session.userId,
    transport: http,
    onEvent: (event) => {
      if (event.type === 'claimed' || event.type === 'recorded') broadcast({ type: 'rt-sync-progress', source: 'sw' });
    },
  });
  const summary = await engine.sync({ ignoreBackoff: true });
  await broadcast({ type: 'rt-sync-complete', source: 'sw', summary });
  if (summary.halted === 'auth') await broadcast({ type: 'rt-auth-required', source: 'sw' });
  else if ((summary.halted || summary.nextAttemptAt != null) && !lastChance) throw new Error(`memo sync incomplete: ${summary.halted ?? 'retry due'}`);
}

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(syncMemos(event.lastChance));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
  else if (event.data?.type === 'SYNC') event.waitUntil(syncMemos(true).catch(() => {}));
});
