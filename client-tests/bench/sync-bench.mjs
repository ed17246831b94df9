// Measures the sync engine against a running server: N memos written "offline" into a fake IndexedDB, then
// one sync with the real fetch transport. Usage: node bench/sync-bench.mjs http://127.0.0.1:5391 1000 [concurrency] [batchSize]
// (The browser number, with Chromium's IndexedDB, comes from the Playwright test; this one isolates the wire.)
import { IDBFactory } from 'fake-indexeddb';
import { userDatabase } from '../../src/ReadingTracker.Api/wwwroot/js/offline/db.js';
import { createMemo } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-queue.js';
import { createSyncEngine } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-engine.js';
import { createHttpClient } from '../../src/ReadingTracker.Api/wwwroot/js/offline/transport.js';

const [origin = 'http://127.0.0.1:5391', countText = '1000', concurrencyText = '6', batchText = '100'] = process.argv.slice(2);
const count = Number(countText);
const api = async (method, path, body, token) => {
  const response = await fetch(`${origin}/api/v1${path}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const payload = await response.json();
  if (!payload.ok) throw new Error(`${method} ${path}: ${JSON.stringify(payload.error)}`);
  return payload.data;
};

const loginId = `bench${Date.now() % 1e9}`;
await api('POST', '/auth/signup', { loginId, email: `${loginId}@example.com`, name: 'Bench', password: 'p@ssword1!' });
const session = await api('POST', '/auth/login', { loginId, password: 'p@ssword1!' });
const entry = await api('POST', '/user/books', { title: 'Bench book', author: 'Someone', totalPages: 500, category: 'Reading', readingStartDate: '2025-11-01', readingProgress: 1 }, session.accessToken);

const db = userDatabase(session.user.id, new IDBFactory());
const env = { now: Date.now, uuid: () => crypto.randomUUID() };
const written = Date.now();
for (let i = 0; i < count; i++) {
  await createMemo(db, { userBookId: entry.userBookId, pageNumber: 1 + (i % 400), content: `bench memo ${i}`, tags: [], tagCategory: 'TYPE', memoStartTime: '2025-11-24T09:00:00' }, env);
}
const writeMs = Date.now() - written;

const engine = createSyncEngine({
  db, userId: session.user.id, locks: null, concurrency: Number(concurrencyText), batchSize: Number(batchText),
  transport: createHttpClient({ base: `${origin}/api/v1`, session: { current: { accessToken: session.accessToken } } }),
});
const start = Date.now();
const summary = await engine.sync();
const syncMs = Date.now() - start;
const onServer = await api('GET', `/memos/books/${entry.userBookId}`, null, session.accessToken);
console.log(JSON.stringify({ count, concurrency: Number(concurrencyText), batchSize: Number(batchText), writeMs, syncMs, synced: summary.synced, failed: summary.failed, deferred: summary.deferred, onServer: onServer.length }));
