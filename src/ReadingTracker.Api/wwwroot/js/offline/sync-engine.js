// The one sync engine, shared by the page and the service worker. The database, the transport, the lock, the
// clock and the dice are injected, so the unit tests drive it directly; what to send and what an answer means
// is the policy's (sync-policy.js): this file moves items through their states and keeps the books.
//
// One pass, under the Web Lock `rt-sync-{userId}` (one sender per user across tabs and the worker):
//   recover → claim the due head items (PENDING → SYNCING, compare-and-set in one IDB transaction, the
//   second guard) → send them: creates 100 to a POST /memos/batch (each keyed by its clientId), one batch after
//   the other so the server numbers them in the order they were written, each batch's outcomes recorded in one
//   transaction while the next batch is on the wire; the rest one request each, a few at a time. A batch the
//   server refuses as a whole (500, or a 4xx about the request) is split in halves down to single items, so one
//   poisoned memo never holds the others back.
import { Q, OPEN, itemsOf, settleMemo, settleWith, memoStatus, queueRevision } from './sync-queue.js';
import { isShelfItem, shelfSucceeded } from './shelf-queue.js';
import { isTagItem, tagSucceeded } from './tag-queue.js';
import {
  classify, buildRequest, heads, isDue, isAbandoned, isExpired, batchGroups, batchRequest, readBatchAnswer, splitInHalves,
  retryLater, afterRefusal, takeServerMemo, UNADDRESSABLE, isValidationRefusal,
} from './sync-policy.js';

const STORES = ['memos', 'queue'];
/** A claim also reads the queue's revision (sync-queue.js, writeQueue). */
const CLAIM_STORES = ['memos', 'queue', 'meta'];
/** Items whose IndexedDB requests are issued together (see inSlices). */
const SLICE = 100;
/** A claim of more items than this is a bulk one (see claim); the page's lists show only a count for it too. */
const BULK = 20;
/** How many PENDING items a claim reads at a time (see openPrefix): a few chunks' worth. */
const PREFIX = 500;

async function openItems(t) {
  const all = [];
  for (const status of OPEN) all.push(...(await t.all('queue', 'status', status)));
  return all;
}

/**
 * The open items written first: every one that is not PENDING (few: on the wire, waiting or refused) and the first
 * `count` PENDING ones in writing order (an index keeps equal keys in primary-key order, here `seq`). Whether an item
 * may go now depends only on items written before it (heads), all of them in such a prefix. `complete` says whether
 * the prefix is the whole queue.
 */
async function openPrefix(t, count) {
  const others = OPEN.filter((status) => status !== Q.PENDING);
  const [pending, ...rest] = await Promise.all([
    t.all('queue', 'status', Q.PENDING, count), ...others.map((status) => t.all('queue', 'status', status)),
  ]);
  return { items: [...pending, ...rest.flat()], complete: pending.length < count };
}

/** The items waiting for `finished` become PENDING; returns them. */
async function promoteWaiters(t, finished, waiting) {
  const promoted = [];
  for (const waiter of waiting ?? await t.all('queue', 'status', Q.WAITING)) {
    if (waiter.waitingFor !== finished.id) continue;
    waiter.status = Q.PENDING;
    waiter.waitingFor = null;
    await t.put('queue', waiter);
    promoted.push(waiter);
  }
  return promoted;
}

/** Runs `work` over `items`, at most `width` at a time. */
async function pool(items, width, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/**
 * `work(item)` for every item, a slice of `size` at a time, all requests of a slice issued together: IndexedDB runs
 * them in order without a round trip to this thread per item, and the slices keep each task on this thread short
 * (every put clones its value here).
 */
async function inSlices(items, size, work) {
  const results = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

/** Two passes' summaries as one: the counts added, the rest from the later pass. */
function addUp(earlier, later) {
  return {
    ...later,
    synced: earlier.synced + later.synced,
    late: earlier.late + later.late,
    failed: earlier.failed + later.failed,
    failedShelf: (earlier.failedShelf ?? 0) + (later.failedShelf ?? 0),
    failedTags: (earlier.failedTags ?? 0) + (later.failedTags ?? 0),
    invalid: earlier.invalid + later.invalid,
    deferred: earlier.deferred + later.deferred,
    byType: Object.fromEntries(Object.keys(later.byType).map((k) => [k, earlier.byType[k] + later.byType[k]])),
  };
}

export function createSyncEngine({
  db, transport, userId, locks = globalThis.navigator?.locks, now = Date.now, random = Math.random,
  concurrency = 6, chunk = 200, batchSize = 100, onEvent = () => {},
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
      const waiters = await t.all('queue', 'status', Q.WAITING);
      const open = waiters.length ? new Map((await openItems(t)).map((i) => [i.id, i])) : new Map();
      for (const waiter of waiters) {
        const awaited = open.get(waiter.waitingFor);
        if (awaited && awaited.status !== Q.FAILED) continue;
        Object.assign(waiter, { status: Q.PENDING, waitingFor: null });
        await t.put('queue', waiter);
      }
      // SUCCESS items age in seq order: the walk reads the expired ones and stops at the first that is not.
      await t.deleteWhile('queue', 'status', Q.SUCCESS, (done) => isExpired(done, at));
    });
  }

  /**
   * PENDING → SYNCING for up to `limit` head items that are due, in one transaction (compare-and-set). Items in
   * `tried` were sent in this pass already: once per pass, so one that keeps getting a 5xx waits for its backoff
   * instead of going round again at once (ignoreBackoff only means "no waiting for the first try").
   *
   * `picture` is the pass's picture of the open items written first (`known`: seq → item, see openPrefix) at a
   * revision of the queue. The claims keep it (what they claim shows SYNCING in it, so nothing behind it is taken) and
   * read it again when it has nothing left to offer or when the reader changed the queue since (an edit, a retry, a
   * new tag on a memo: any of them can hold back an item the picture would let go). Not the whole queue once per
   * chunk: that read was most of a claim's cost, and a claim runs every 200 items. A candidate from an older picture
   * is read again before it is taken. A bulk claim leaves the memos' own state alone: their lists show only the count
   * while it runs and are drawn afresh once the answers are recorded, which is when each memo's state is written.
   */
  function claim(limit, ignoreBackoff, tried, picture) {
    return db.write(CLAIM_STORES, async (t) => {
      const at = now();
      const { known } = picture;
      const revision = await queueRevision(t);
      const pick = () => heads([...known.values()]).filter((item) => !tried.has(item.id) && isDue(item, at, ignoreBackoff)).slice(0, limit);
      for (let fresh = known.size === 0 || revision !== picture.revision, count = PREFIX; ; fresh = true) {
        let picked = [];
        if (fresh) {
          // A prefix that offers nothing (all of it backing off, say) is read again, longer, until the whole queue.
          for (let complete = false; !complete && picked.length === 0; count *= 4) {
            const prefix = await openPrefix(t, count);
            complete = prefix.complete;
            known.clear();
            for (const item of prefix.items) known.set(item.seq, item);
            picked = pick();
          }
          picture.revision = revision;
        } else picked = pick();
        const bulk = picked.length > BULK;
        const claimed = (await inSlices(picked, SLICE, async (seen) => {
          const item = fresh ? seen : await t.get('queue', seen.seq);
          if (item?.status !== Q.PENDING) {
            if (item) known.set(item.seq, item);
            else known.delete(seen.seq);
            return null;
          }
          const memo = bulk && item.type === 'CREATE' ? null : await t.get('memos', item.localId);
          item.sent ??= buildRequest(item, memo);
          item.status = Q.SYNCING;
          item.claimedAt = at;
          known.set(item.seq, item);
          if (!memo) return t.put('queue', item).then(() => item);
          memo.syncStatus = memoStatus([...known.values()].filter((i) => i.localId === item.localId));
          return Promise.all([t.put('queue', item), t.put('memos', memo)]).then(() => item);
        })).filter(Boolean);
        if (claimed.length || fresh) return claimed;
      }
    });
  }

  /**
   * Records one answer for one claimed item, inside the caller's transaction. Returns the outcome kind. Two reads (the
   * memo and all its items, the item itself among them) and two writes (the item, the memo) for an answer that was
   * not a refusal: the memo's new state comes from the items at hand, not from reading them again.
   */
  async function record(t, item, response, summary, halt, waiting) {
    const outcome = classify(item, response);
    if (outcome.halt && !halt.reason) halt.reason = outcome.halt;
    const [items, memo] = await Promise.all([itemsOf(t, item.localId), t.get('memos', item.localId)]);
    const current = items.find((i) => i.seq === item.seq);
    if (!current || current.status !== Q.SYNCING) return outcome; // discarded by the user meanwhile
    current.updatedAt = now();
    let keep = true;
    if (outcome.kind === 'done') {
      const promoted = await succeed(t, current, memo, response.data, waiting);
      items.forEach((i, at) => {
        items[at] = promoted.find((waiter) => waiter.seq === i.seq) ?? i;
      });
      summary.synced += 1;
      summary.byType[item.type] += 1;
      // A create its screen showed as "saved on this device" (it stopped waiting first): its arrival is news.
      if (item.type === 'CREATE' && memo?.announceSync) summary.late += 1;
    } else if (outcome.kind === 'permanent') {
      keep = await refuse(t, current, response);
      // The memo itself was refused (its reason shows on it): the sync did not fail.
      if (isValidationRefusal(response) && !isTagItem(item)) summary.invalid += 1;
      else summary.failed += 1;
      // Of those, the shelf changes: the reader is told about them in their own words, not as memos.
      if (item.type === 'SHELF' && !isValidationRefusal(response)) summary.failedShelf += 1;
      // And the tag changes, told apart the same way (any refusal: a tag change is never a memo's own fault).
      if (isTagItem(item)) summary.failedTags += 1;
    } else {
      Object.assign(current, { status: Q.PENDING, claimedAt: null });
      // A released item never reached the server (the pass halted first): it goes again without a penalty.
      if (outcome.kind === 'transient' && !response.released) {
        Object.assign(current, retryLater(current, response, now(), random));
        summary.deferred += 1;
      }
    }
    if (keep) await t.put('queue', current);
    // A refusal may have removed items or the memo: read again. Otherwise the items at hand are the memo's.
    if (outcome.kind === 'permanent') await settleMemo(t, current.localId);
    else await settleWith(t, memo, items);
    return outcome;
  }

  /** SUCCESS, and the server's answer taken into the memo (written by the caller); returns the waiters it released. */
  async function succeed(t, current, memo, data, waiting) {
    current.status = Q.SUCCESS;
    current.error = null;
    if (isShelfItem(current)) await shelfSucceeded(t, current, data);
    if (isTagItem(current)) await tagSucceeded(t, current, data);
    takeServerMemo(memo, data);
    return promoteWaiters(t, current, waiting);
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
  /** Items that were not sent because the pass halted first: released, to go again without a penalty. */
  const released = (items) => items.map((i) => [i, { ...RELEASED, status: 503 }]);

  /**
   * Records answers for several items in one transaction (a batch of 100 in one, not 100 commits), their requests
   * issued together: the items are heads of distinct memos, so none touches another's records. One event after.
   */
  async function recordAll(pairs, summary, halt) {
    const outcomes = await db.write(STORES, async (t) => {
      // Read once per batch, not once per item: only deletes ever wait, so this is usually empty.
      const waiting = await t.all('queue', 'status', Q.WAITING);
      return inSlices(pairs, SLICE, ([item, response]) => record(t, item, response, summary, halt, waiting));
    });
    onEvent({ type: 'recorded', items: pairs.map(([item]) => item), outcomes: outcomes.map((o) => o.kind) });
    return outcomes;
  }

  async function sendOne(item, summary, halt) {
    if (halt.reason) return recordAll(released([item]), summary, halt);
    const response = item.sent ? await transport.send(item.sent) : UNADDRESSABLE;
    return recordAll([[item, response]], summary, halt);
  }

  let batchUnsupported = false;

  /**
   * Sends one group of creates as a batch. Resolves once the server answered, with `recorded`: the recording of
   * the outcomes, still running, so the next batch can be on the wire meanwhile. A group refused as a whole (500,
   * or a 4xx about the request) is split in halves, each sent the same way, down to single items, which go as
   * plain creates and are judged alone: a 4xx fails that memo, a 5xx leaves it PENDING with backoff.
   */
  async function sendGroup(group, summary, halt) {
    if (halt.reason) return { recorded: recordAll(released(group), summary, halt) };
    if (group.length === 1 || batchUnsupported) {
      for (const item of group) await sendOne(item, summary, halt);
      return { recorded: Promise.resolve() };
    }
    const answer = readBatchAnswer(await transport.send(batchRequest(group)), group.length);
    if (answer.answers) return { recorded: recordAll(group.map((item, i) => [item, answer.answers[i]]), summary, halt) };
    if (answer.unsupported) batchUnsupported = true;
    const parts = answer.split ? splitInHalves(group) : group.map((item) => [item]);
    const recorded = [];
    for (const part of parts) recorded.push((await sendGroup(part, summary, halt)).recorded);
    return { recorded: Promise.all(recorded) };
  }

  /**
   * The groups one after the other: a group goes once the one before it was answered, so the server numbers the
   * memos in the order they were written (ids order memos of the same start time, like the local list). Their
   * recordings go to `recordings`, still running: the pass goes on meanwhile and waits for them when it must.
   */
  async function sendGroups(groups, summary, halt, recordings) {
    for (const group of groups) {
      const { recorded } = await sendGroup(group, summary, halt);
      recorded.catch(() => {}); // awaited by the pass; not an unhandled rejection meanwhile
      recordings.push(recorded);
    }
  }

  async function pass({ ignoreBackoff = false } = {}, holdsLock = false) {
    const summary = { synced: 0, late: 0, failed: 0, failedShelf: 0, failedTags: 0, invalid: 0, deferred: 0, halted: null, byType: { CREATE: 0, UPDATE: 0, DELETE: 0, SHELF: 0, TAG: 0 } };
    const halt = { reason: null };
    await recover(holdsLock);
    const tried = new Set();
    const picture = { known: new Map(), revision: null };
    const claimNext = (limit) => claim(limit, ignoreBackoff, tried, picture).then((items) => {
      for (const item of items) tried.add(item.id);
      return items;
    });
    // The first claim takes one batch's worth, so the first request leaves at once; each next chunk is claimed
    // while the one before is on the wire, and sent after it (the order written holds across chunks).
    let next = claimNext(batchSize);
    const recordings = [];
    while (!halt.reason) {
      let batch = await next;
      if (batch.length === 0 && recordings.length) {
        // Claimed while the last chunk was on the wire: a memo's next write becomes due only once the one before
        // it was answered and recorded, so an empty claim then is asked again, after the recordings.
        await Promise.all(recordings.splice(0));
        batch = await claimNext(chunk);
      }
      if (batch.length === 0) break;
      onEvent({ type: 'claimed', items: batch });
      next = claimNext(chunk);
      const groups = batchUnsupported ? [] : batchGroups(batch, batchSize);
      const grouped = new Set(groups.flat());
      recordings.push(Promise.resolve()); // this chunk was sent: the claim after an empty one is asked again
      await Promise.all([
        pool(batch.filter((i) => !grouped.has(i)), concurrency, (item) => sendOne(item, summary, halt)),
        sendGroups(groups, summary, halt, recordings),
      ]);
      if (halt.reason) {
        // Claimed ahead but not sent: back to PENDING, without a penalty.
        const unsent = await next;
        if (unsent.length) await recordAll(released(unsent), summary, halt);
      }
    }
    await Promise.all(recordings);
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
