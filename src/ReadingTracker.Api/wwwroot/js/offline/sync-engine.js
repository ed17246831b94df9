// The one sync engine, shared by the page and the service worker (SPEC §6). Pure logic: the database,
// the transport, the lock, the clock and the dice are injected, so the unit tests drive it directly.
//
// One pass, under the Web Lock `rt-sync-{userId}` (one sender per user across tabs and the worker):
//   recover → claim a chunk of head items (PENDING → SYNCING, compare-and-set in one IDB transaction, the
//   second guard) → send them, a few at a time → record each outcome → claim the next chunk.
// Outcomes: 2xx (and 404 for a DELETE) → SUCCESS. No answer, 5xx, 408/409/425/429 → PENDING again after
// a full-jitter backoff (Retry-After respected), forever: a memo is never dropped. 401 after one refresh →
// PENDING, the pass stops and the page is told. Any other 4xx → FAILED, shown with retry and discard.
import { Q, OPEN, itemsOf, settleMemo } from './sync-queue.js';

const STORES = ['memos', 'queue'];
export const BACKOFF = Object.freeze({ baseMs: 1000, capMs: 60000 });
const LEASE_MS = 120000;
const KEEP_SUCCESS_MS = 3600000;

/** Full jitter (AWS): uniform in [0, min(cap, base·2^attempt)], never before Retry-After. */
export function backoffDelay(attempt, retryAfterMs, random = Math.random, { baseMs, capMs } = BACKOFF) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
}

/** What one answer means for one queue item. `halt` stops the pass: the next items would fail alike. */
export function classify(item, response) {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'done' };
  if (status === 404 && item.type === 'DELETE') return { kind: 'done' };
  if (status === 0) return { kind: 'transient', halt: 'unreachable' };
  if (status === 401) return { kind: 'auth', halt: 'auth' };
  if (status === 429) return { kind: 'transient', halt: 'throttled' };
  if ([408, 409, 425].includes(status)) return { kind: 'transient' };
  if (status === 502 || status === 503 || status === 504) return { kind: 'transient', halt: 'unavailable' };
  if (status >= 500) return { kind: 'transient' };
  return { kind: 'permanent' };
}

/** The HTTP request for an item; fixed at its first send and replayed byte for byte with the same key. */
export function buildRequest(item, memo) {
  const headers = { 'Idempotency-Key': item.idempotencyKey };
  if (item.type === 'CREATE') return { method: 'POST', path: '/memos', body: item.data, headers };
  if (memo?.serverId == null) return null;
  if (item.type === 'UPDATE') {
    const body = { ...item.data };
    if (memo.version != null) body.baseVersion = memo.version;
    return { method: 'PUT', path: `/memos/${memo.serverId}`, body, headers };
  }
  return { method: 'DELETE', path: `/memos/${memo.serverId}`, headers };
}

/** The earliest open item of each memo: only a head may be sent, so each memo's order holds. */
function heads(open) {
  const first = new Map();
  for (const item of open.sort((a, b) => a.seq - b.seq)) if (!first.has(item.localId)) first.set(item.localId, item);
  return [...first.values()];
}

async function openItems(t) {
  const all = [];
  for (const status of OPEN) all.push(...(await t.all('queue', 'status', status)));
  return all;
}

async function promoteWaiters(t, finished) {
  for (const waiter of await t.all('queue', 'status', Q.WAITING)) {
    if (waiter.waitingFor !== finished.id) continue;
    waiter.status = Q.PENDING;
    waiter.waitingFor = null;
    await t.put('queue', waiter);
  }
}

export function createSyncEngine({
  db, transport, userId, locks = globalThis.navigator?.locks, now = Date.now, random = Math.random,
  concurrency = 6, chunk = 60, onEvent = () => {},
}) {
  const lockName = `rt-sync-${userId}`;

  /** Start of a pass: SYNCING items nobody sends any more go back to PENDING; old SUCCESS items go. */
  function recover(holdsLock) {
    return db.write(STORES, async (t) => {
      const at = now();
      for (const item of await t.all('queue', 'status', Q.SYNCING)) {
        // With the lock held nobody else can be sending; without Web Locks only an expired lease is stale.
        if (!holdsLock && at - (item.claimedAt ?? 0) < LEASE_MS) continue;
        item.status = Q.PENDING;
        await t.put('queue', item);
        await settleMemo(t, item.localId);
      }
      const open = new Map((await openItems(t)).map((i) => [i.id, i]));
      for (const waiter of await t.all('queue', 'status', Q.WAITING)) {
        const awaited = open.get(waiter.waitingFor);
        if (awaited && awaited.status !== Q.FAILED) continue;
        Object.assign(waiter, { status: Q.PENDING, waitingFor: null });
        await t.put('queue', waiter);
      }
      for (const done of await t.all('queue', 'status', Q.SUCCESS)) {
        if (at - done.updatedAt > KEEP_SUCCESS_MS) await t.delete('queue', done.seq);
      }
    });
  }

  /** PENDING → SYNCING for up to `limit` head items that are due, in one transaction (compare-and-set). */
  function claim(limit, ignoreBackoff) {
    return db.write(STORES, async (t) => {
      const at = now();
      const claimed = [];
      for (const item of heads(await openItems(t))) {
        if (claimed.length >= limit) break;
        if (item.status !== Q.PENDING || (!ignoreBackoff && item.nextAttemptAt > at)) continue;
        const memo = await t.get('memos', item.localId);
        item.sent ??= buildRequest(item, memo);
        item.status = Q.SYNCING;
        item.claimedAt = at;
        await t.put('queue', item);
        await settleMemo(t, item.localId);
        claimed.push(item);
      }
      return claimed;
    });
  }

  function finish(item, mutate) {
    return db.write(STORES, async (t) => {
      const current = await t.get('queue', item.seq);
      if (!current || current.status !== Q.SYNCING) return null; // discarded by the user meanwhile
      const keep = (await mutate(t, current)) !== false;
      current.updatedAt = now();
      if (keep) await t.put('queue', current);
      return settleMemo(t, current.localId);
    });
  }

  const succeed = (item, data) => finish(item, async (t, current) => {
    current.status = Q.SUCCESS;
    current.error = null;
    const memo = await t.get('memos', current.localId);
    if (memo && data && typeof data === 'object' && data.id != null) {
      memo.serverId = data.id;
      memo.version = data.version ?? memo.version;
      memo.bookTitle = data.bookTitle ?? memo.bookTitle;
      memo.bookIsbn = data.bookIsbn ?? memo.bookIsbn;
      memo.serverCreatedAt = data.createdAt ?? memo.serverCreatedAt;
      memo.serverUpdatedAt = data.updatedAt ?? memo.serverUpdatedAt;
      // Another device wrote in between: ours won (last writer wins), theirs is in the memo's history.
      if (data.conflict) memo.conflict = true;
      await t.put('memos', memo);
    }
    await promoteWaiters(t, current);
  });

  const retryLater = (item, response, countAttempt) => finish(item, async (t, current) => {
    current.status = Q.PENDING;
    current.claimedAt = null;
    if (!countAttempt) return;
    current.nextAttemptAt = now() + backoffDelay(current.attempts, response.retryAfterMs, random);
    current.attempts += 1;
    current.error = { status: response.status, code: response.error?.code ?? null };
  });

  const reject = (item, response) => finish(item, async (t, current) => {
    const items = await itemsOf(t, current.localId);
    const later = items.filter((i) => i.seq > current.seq && i.type === 'DELETE');
    if (current.type === 'CREATE' && later.length) {
      // Rejected, so it never existed on the server; and the user already deleted it: nothing is left to do.
      for (const i of items) await t.delete('queue', i.seq);
      await t.delete('memos', current.localId);
      return false;
    }
    if (current.type === 'UPDATE' && later.length) {
      // The memo is being deleted anyway: its rejected edit is moot, and must not block the delete.
      await t.delete('queue', current.seq);
      for (const del of later) await t.put('queue', { ...del, status: Q.PENDING, waitingFor: null });
      return false;
    }
    current.status = Q.FAILED;
    current.error = { status: response.status, code: response.error?.code ?? null, message: response.error?.message ?? null };
  });

  async function sendOne(item, summary, halt) {
    if (halt.reason) return retryLater(item, {}, false);
    if (!item.sent) {
      // An UPDATE or DELETE whose memo never got a server id: nothing to address; keep it visible.
      await reject(item, { status: 0, error: { code: 'NO_SERVER_ID' } });
      summary.failed += 1;
      return null;
    }
    const response = await transport.send(item.sent);
    const outcome = classify(item, response);
    if (outcome.halt && !halt.reason) halt.reason = outcome.halt;
    if (outcome.kind === 'done') {
      await succeed(item, response.data);
      summary.synced += 1;
      summary.byType[item.type] += 1;
    } else if (outcome.kind === 'permanent') {
      await reject(item, response);
      summary.failed += 1;
    } else {
      await retryLater(item, response, outcome.kind === 'transient');
      summary.deferred += 1;
    }
    onEvent({ type: 'item', item, outcome: outcome.kind });
    return outcome;
  }

  async function pass({ ignoreBackoff = false } = {}, holdsLock = false) {
    const summary = { synced: 0, failed: 0, deferred: 0, halted: null, byType: { CREATE: 0, UPDATE: 0, DELETE: 0 } };
    const halt = { reason: null };
    await recover(holdsLock);
    while (!halt.reason) {
      const batch = await claim(chunk, ignoreBackoff);
      if (batch.length === 0) break;
      onEvent({ type: 'claimed', items: batch });
      let next = 0;
      const worker = async () => {
        while (next < batch.length) await sendOne(batch[next++], summary, halt);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    }
    summary.halted = halt.reason;
    summary.nextAttemptAt = await nextAttemptAt();
    onEvent({ type: 'pass', summary });
    return summary;
  }

  function nextAttemptAt() {
    return db.read(['queue'], async (t) => {
      const due = (await t.all('queue', 'status', Q.PENDING)).map((i) => i.nextAttemptAt);
      return due.length ? Math.min(...due) : null;
    });
  }

  function underLock(work) {
    if (!locks?.request) return work(false);
    return locks.request(lockName, () => work(true));
  }

  // One pass at a time per context; a request during a pass asks for exactly one more after it.
  let running = null;
  let again = null;
  function sync(options = {}) {
    if (running) {
      again = { ignoreBackoff: Boolean(again?.ignoreBackoff || options.ignoreBackoff) };
      return running;
    }
    running = (async () => {
      let summary = await underLock((held) => pass(options, held));
      while (again) {
        const more = again;
        again = null;
        const next = await underLock((held) => pass(more, held));
        summary = {
          ...next,
          synced: summary.synced + next.synced,
          failed: summary.failed + next.failed,
          deferred: summary.deferred + next.deferred,
          byType: Object.fromEntries(Object.keys(next.byType).map((k) => [k, summary.byType[k] + next.byType[k]])),
        };
      }
      return summary;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return { sync, nextAttemptAt, lockName };
}
