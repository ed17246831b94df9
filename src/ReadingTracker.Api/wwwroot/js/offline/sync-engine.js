// The one sync engine, shared by the page and the service worker (SPEC §6). Pure logic: the database,
// the transport, the lock, the clock and the dice are injected, so the unit tests drive it directly.
//
// One pass, under the Web Lock `rt-sync-{userId}` (one sender per user across tabs and the worker):
//   recover → claim a chunk of head items (PENDING → SYNCING, compare-and-set in one IDB transaction, the
//   second guard) → send them: creates 100 to a POST /memos/batch (each keyed by its clientId), the rest one
//   request each, a few at a time → record the outcomes → claim the next chunk.
// Outcomes: 2xx (and 404 for a DELETE) → SUCCESS. No answer, 5xx, 408/409/425/429 → PENDING again after
// a full-jitter backoff (Retry-After respected), forever: a memo is never dropped. 401 after one refresh →
// PENDING, the pass stops and the page is told. Any other 4xx → FAILED, shown with retry and discard.
import { Q, OPEN, itemsOf, settleMemo, memoStatus } from './sync-queue.js';

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

async function promoteWaiters(t, finished, waiting) {
  for (const waiter of waiting ?? await t.all('queue', 'status', Q.WAITING)) {
    if (waiter.waitingFor !== finished.id) continue;
    waiter.status = Q.PENDING;
    waiter.waitingFor = null;
    await t.put('queue', waiter);
  }
}

/** Runs `work` over `items`, at most `width` at a time. */
async function pool(items, width, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Two passes' summaries as one: the counts added, the rest from the later pass. */
function addUp(earlier, later) {
  return {
    ...later,
    synced: earlier.synced + later.synced,
    failed: earlier.failed + later.failed,
    deferred: earlier.deferred + later.deferred,
    byType: Object.fromEntries(Object.keys(later.byType).map((k) => [k, earlier.byType[k] + later.byType[k]])),
  };
}

export function createSyncEngine({
  db, transport, userId, locks = globalThis.navigator?.locks, now = Date.now, random = Math.random,
  concurrency = 6, chunk = 400, batchSize = 100, batchConcurrency = 4, onEvent = () => {},
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
      const open = await openItems(t);
      const byMemo = new Map();
      for (const i of open) byMemo.set(i.localId, [...(byMemo.get(i.localId) ?? []), i]);
      for (const item of heads(open)) {
        if (claimed.length >= limit) break;
        if (item.status !== Q.PENDING || (!ignoreBackoff && item.nextAttemptAt > at)) continue;
        const memo = await t.get('memos', item.localId);
        item.sent ??= buildRequest(item, memo);
        item.status = Q.SYNCING;
        item.claimedAt = at;
        await t.put('queue', item);
        if (memo) {
          // The memo's open items are at hand: its state without another index read per item.
          memo.syncStatus = memoStatus(byMemo.get(item.localId));
          await t.put('memos', memo);
        }
        claimed.push(item);
      }
      return claimed;
    });
  }

  /** Records one answer for one claimed item, inside the caller's transaction. Returns the outcome kind. */
  async function record(t, item, response, summary, halt, waiting) {
    const outcome = classify(item, response);
    if (outcome.halt && !halt.reason) halt.reason = outcome.halt;
    const current = await t.get('queue', item.seq);
    if (!current || current.status !== Q.SYNCING) return outcome; // discarded by the user meanwhile
    current.updatedAt = now();
    let keep = true;
    if (outcome.kind === 'done') {
      await succeed(t, current, response.data, waiting);
      summary.synced += 1;
      summary.byType[item.type] += 1;
    } else if (outcome.kind === 'permanent') {
      keep = await reject(t, current, response);
      summary.failed += 1;
    } else {
      Object.assign(current, { status: Q.PENDING, claimedAt: null });
      if (outcome.kind === 'transient' && !response.released) {
        current.nextAttemptAt = now() + backoffDelay(current.attempts, response.retryAfterMs, random);
        current.attempts += 1;
        current.error = { status: response.status, code: response.error?.code ?? null };
        summary.deferred += 1;
      }
    }
    if (keep) await t.put('queue', current);
    await settleMemo(t, current.localId);
    return outcome;
  }

  async function succeed(t, current, data, waiting) {
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
    await promoteWaiters(t, current, waiting);
  }

  /** FAILED, shown with retry and discard; returns false when the item was removed instead. */
  async function reject(t, current, response) {
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
    current.error = {
      status: response.status, code: response.error?.code ?? null, message: response.error?.message ?? null, fields: response.error?.fields ?? [],
    };
    return true;
  }

  const RELEASED = { status: 0, released: true };

  /** Records answers for several items in one transaction (a chunk of 100 in one, not 100 commits). */
  async function recordAll(pairs, summary, halt) {
    const outcomes = await db.write(STORES, async (t) => {
      const kinds = [];
      // Read once per chunk, not once per item: only deletes ever wait, so this is usually empty.
      const waiting = await t.all('queue', 'status', Q.WAITING);
      for (const [item, response] of pairs) kinds.push(await record(t, item, response, summary, halt, waiting));
      return kinds;
    });
    pairs.forEach(([item], i) => onEvent({ type: 'item', item, outcome: outcomes[i].kind }));
    return outcomes;
  }

  async function sendOne(item, summary, halt) {
    if (halt.reason) return recordAll([[item, { ...RELEASED, status: 503 }]], summary, halt);
    // An UPDATE or DELETE whose memo never got a server id has nothing to address: FAILED, visible.
    const response = item.sent ? await transport.send(item.sent) : { status: 422, error: { code: 'NO_SERVER_ID' } };
    return recordAll([[item, response]], summary, halt);
  }

  let batchUnsupported = false;

  /** Creates in one POST /memos/batch; each item keeps its own clientId, so a retried batch is harmless. */
  async function sendGroup(group, summary, halt) {
    if (halt.reason) return recordAll(group.map((i) => [i, { ...RELEASED, status: 503 }]), summary, halt);
    const response = await transport.send({ method: 'POST', path: '/memos/batch', body: { memos: group.map((i) => i.sent.body) }, headers: {} });
    const results = response.data?.results;
    if (response.status >= 200 && response.status < 300 && Array.isArray(results) && results.length === group.length) {
      return recordAll(group.map((item, i) => [item, { status: results[i].status, data: results[i].memo, error: results[i].error, retryAfterMs: null }]), summary, halt);
    }
    if (response.status === 404 || response.status === 405 || response.status === 400) {
      // A server without the batch endpoint (or one that refuses this shape): one request per memo instead.
      batchUnsupported = true;
      for (const item of group) await sendOne(item, summary, halt);
      return null;
    }
    if (response.status === 413) {
      // The batch as a whole is too large: the size is no one memo's fault, so each is judged on its own.
      for (const item of group) await sendOne(item, summary, halt);
      return null;
    }
    return recordAll(group.map((item) => [item, response]), summary, halt);
  }

  async function pass({ ignoreBackoff = false } = {}, holdsLock = false) {
    const summary = { synced: 0, failed: 0, deferred: 0, halted: null, byType: { CREATE: 0, UPDATE: 0, DELETE: 0 } };
    const halt = { reason: null };
    await recover(holdsLock);
    while (!halt.reason) {
      const batch = await claim(chunk, ignoreBackoff);
      if (batch.length === 0) break;
      onEvent({ type: 'claimed', items: batch });
      const creates = batchSize > 1 && !batchUnsupported ? batch.filter((i) => i.type === 'CREATE' && i.sent) : [];
      const groups = [];
      for (let i = 0; creates.length > 1 && i < creates.length; i += batchSize) groups.push(creates.slice(i, i + batchSize));
      const grouped = new Set(groups.flat());
      await Promise.all([
        pool(batch.filter((i) => !grouped.has(i)), concurrency, (item) => sendOne(item, summary, halt)),
        pool(groups, batchConcurrency, (group) => sendGroup(group, summary, halt)),
      ]);
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
        summary = addUp(summary, await underLock((held) => pass(more, held)));
      }
      return summary;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return { sync, nextAttemptAt, lockName };
}
