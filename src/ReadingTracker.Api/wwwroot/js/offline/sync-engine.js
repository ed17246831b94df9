// The one sync engine, shared by the page and the service worker. The database, the transport, the lock, the
// clock and the dice are injected, so the unit tests drive it directly; what to send and what an answer means
// is the policy's (sync-policy.js): this file moves items through their states and keeps the books.
//
// One pass, under the Web Lock `rt-sync-{userId}` (one sender per user across tabs and the worker):
//   recover → claim a chunk of head items (PENDING → SYNCING, compare-and-set in one IDB transaction, the
//   second guard) → send them: creates 100 to a POST /memos/batch (each keyed by its clientId), the rest one
//   request each, a few at a time → record the outcomes → claim the next chunk.
import { Q, OPEN, itemsOf, settleMemo, memoStatus } from './sync-queue.js';
import {
  classify, buildRequest, heads, isDue, isAbandoned, isExpired, batchGroups, batchRequest, readBatchAnswer, retryLater,
  afterRefusal, takeServerMemo, UNADDRESSABLE, isValidationRefusal,
} from './sync-policy.js';

const STORES = ['memos', 'queue'];

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
    late: earlier.late + later.late,
    failed: earlier.failed + later.failed,
    invalid: earlier.invalid + later.invalid,
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
        if (!isAbandoned(item, at, holdsLock)) continue;
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
        if (isExpired(done, at)) await t.delete('queue', done.seq);
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
        if (!isDue(item, at, ignoreBackoff)) continue;
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
      const memo = await succeed(t, current, response.data, waiting);
      summary.synced += 1;
      summary.byType[item.type] += 1;
      // A create its screen showed as "saved on this device" (it stopped waiting first): its arrival is news.
      if (item.type === 'CREATE' && memo?.announceSync) summary.late += 1;
    } else if (outcome.kind === 'permanent') {
      keep = await refuse(t, current, response);
      // The memo itself was refused (its reason shows on it): the sync did not fail.
      if (isValidationRefusal(response)) summary.invalid += 1;
      else summary.failed += 1;
    } else {
      Object.assign(current, { status: Q.PENDING, claimedAt: null });
      // A released item never reached the server (the pass halted first): it goes again without a penalty.
      if (outcome.kind === 'transient' && !response.released) {
        Object.assign(current, retryLater(current, response, now(), random));
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
    if (takeServerMemo(memo, data)) await t.put('memos', memo);
    await promoteWaiters(t, current, waiting);
    return memo;
  }

  /** FAILED, shown with retry and discard; returns false when the item was removed instead. */
  async function refuse(t, current, response) {
    const items = await itemsOf(t, current.localId);
    const decision = afterRefusal(current, items, response);
    if (decision.action === 'forget') {
      for (const i of items) await t.delete('queue', i.seq);
      await t.delete('memos', current.localId);
      return false;
    }
    if (decision.action === 'drop') {
      await t.delete('queue', current.seq);
      for (const del of decision.release) await t.put('queue', { ...del, status: Q.PENDING, waitingFor: null });
      return false;
    }
    current.status = Q.FAILED;
    current.error = decision.error;
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
    const response = item.sent ? await transport.send(item.sent) : UNADDRESSABLE;
    return recordAll([[item, response]], summary, halt);
  }

  let batchUnsupported = false;

  async function sendGroup(group, summary, halt) {
    if (halt.reason) return recordAll(group.map((i) => [i, { ...RELEASED, status: 503 }]), summary, halt);
    const answer = readBatchAnswer(await transport.send(batchRequest(group)), group.length);
    if (answer.answers) return recordAll(group.map((item, i) => [item, answer.answers[i]]), summary, halt);
    if (answer.unsupported) batchUnsupported = true;
    for (const item of group) await sendOne(item, summary, halt);
    return null;
  }

  async function pass({ ignoreBackoff = false } = {}, holdsLock = false) {
    const summary = { synced: 0, late: 0, failed: 0, invalid: 0, deferred: 0, halted: null, byType: { CREATE: 0, UPDATE: 0, DELETE: 0 } };
    const halt = { reason: null };
    await recover(holdsLock);
    while (!halt.reason) {
      const batch = await claim(chunk, ignoreBackoff);
      if (batch.length === 0) break;
      onEvent({ type: 'claimed', items: batch });
      const groups = batchUnsupported ? [] : batchGroups(batch, batchSize);
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
