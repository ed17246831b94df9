// The sync queue and the offline memos it writes (docs/contract.md §8.2 with its defects
// fixed). Every local write is one IndexedDB transaction over both stores, so a memo and its queue items
// never disagree. Items of one memo reach the server in the order they were made (queue key `seq`).

export const Q = Object.freeze({ PENDING: 'PENDING', WAITING: 'WAITING', SYNCING: 'SYNCING', SUCCESS: 'SUCCESS', FAILED: 'FAILED' });
export const OPEN = [Q.PENDING, Q.WAITING, Q.SYNCING, Q.FAILED];

/** A memo's state, from its queue items (seq order): failed > waiting > syncing_* > pending > synced. */
export function memoStatus(items) {
  const open = items.filter((i) => i.status !== Q.SUCCESS);
  if (open.length === 0) return 'synced';
  if (open.some((i) => i.status === Q.FAILED)) return 'failed';
  if (open.some((i) => i.status === Q.WAITING)) return 'waiting';
  const syncing = open.find((i) => i.status === Q.SYNCING);
  if (syncing) return `syncing_${syncing.type.toLowerCase()}`;
  return 'pending';
}

/** Never sent: its body may still change (coalescing) and dropping it costs the server nothing. */
export const untouched = (item) => item.status === Q.PENDING && !item.sent;

const memoFields = (m) => ({ content: m.content, tags: m.tags, tagCategory: m.tagCategory, pageNumber: m.pageNumber });

export function newItem(type, localId, data, env) {
  const at = env.now();
  return {
    id: env.uuid(), type, localId, data, status: Q.PENDING, idempotencyKey: env.uuid(), attempts: 0, nextAttemptAt: 0,
    waitingFor: null, sent: null, error: null, claimedAt: null, createdAt: at, updatedAt: at,
  };
}

export const itemsOf = (t, localId) => t.all('queue', 'localId', localId);

/** The stores a change of the queue by the reader writes: the memos, the queue and its revision (in `meta`). */
const READER_STORES = ['memos', 'queue', 'meta'];
const REVISION = 'queue-revision';

/**
 * A change the reader makes to the queue (a memo, shelf or tag change, a retry, a discard), in one transaction with a
 * new revision of the queue: a sync pass that planned on an older picture of it reads it again before it takes
 * anything more (sync-engine.js, claim). The engine's own writes leave the revision alone: it keeps its picture of
 * what it changed itself.
 */
export function writeQueue(db, work) {
  return db.write(READER_STORES, async (t) => {
    const result = await work(t);
    await t.put('meta', { key: REVISION, value: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}` });
    return result;
  });
}

/** The queue's revision (see writeQueue), inside the caller's transaction; null before the reader's first change. */
export const queueRevision = (t) => t.get('meta', REVISION).then((row) => row?.value ?? null);

/** Recomputes a memo's syncStatus; a deleted memo with nothing left to send disappears. */
export async function settleMemo(t, localId) {
  const memo = await t.get('memos', localId);
  if (!memo) return null;
  return settleWith(t, memo, await itemsOf(t, localId));
}

/**
 * settleMemo for a caller that has the memo and all its queue items at hand, read in its own transaction and with its
 * changes applied: no read, one write.
 */
export async function settleWith(t, memo, items) {
  if (!memo) return null;
  const status = memoStatus(items);
  if (memo.deleted && status === 'synced') {
    await t.delete('memos', memo.localId);
    return null;
  }
  memo.syncStatus = status;
  memo.error = status === 'failed' ? items.find((i) => i.status === Q.FAILED).error : null;
  await t.put('memos', memo);
  return memo;
}

export class MemoNotFoundError extends Error {
  constructor(localId) {
    super(`memo ${localId} is not on this device`);
    this.code = 'MEMO_NOT_FOUND_LOCALLY';
  }
}

function createIn(t, input, env) {
  const clientId = input.clientId ?? env.uuid();
  const at = env.now();
  const data = {
    userBookId: input.userBookId, pageNumber: input.pageNumber, content: input.content, tags: input.tags ?? [],
    tagCategory: input.tagCategory ?? 'TYPE', memoStartTime: input.memoStartTime, clientId,
  };
  const memo = {
    ...data, localId: clientId, serverId: null, version: null, bookTitle: input.bookTitle ?? null, bookIsbn: input.bookIsbn ?? null,
    deleted: false, conflict: false, syncStatus: 'pending', error: null, createdAt: at, updatedAt: at,
  };
  // The create's queue key is the memo's place in this device's writing order (memo-order.js): unlike the clock,
  // it never repeats and never goes back.
  return t.put('queue', newItem('CREATE', clientId, data, env)).then((seq) => {
    memo.writtenSeq = seq;
    return t.put('memos', memo);
  }).then(() => memo);
}

/** Saves a new memo locally (pending) and queues its CREATE, in one transaction. The clientId is the local id. */
export function createMemo(db, input, env) {
  return writeQueue(db, (t) => createIn(t, input, env));
}

/**
 * The editor's save, in one transaction: a new draft becomes a memo and its CREATE; a second save of the same
 * draft (same clientId, memo still there) edits that memo instead of queueing a second create.
 */
export function saveDraft(db, input, env) {
  return writeQueue(db, async (t) => {
    const known = input.clientId ? await t.get('memos', input.clientId) : null;
    if (known && !known.deleted) return updateIn(t, known.localId, input, env);
    return createIn(t, input, env);
  });
}

/**
 * Applies an edit locally and queues it. Allowed in every state, syncing_create included: an item that was
 * never sent absorbs the edit (edits before the first sync coalesce into one CREATE); a sent one is frozen
 * (its Idempotency-Key is bound to its body) and the edit becomes an UPDATE that runs after it.
 */
export function updateMemo(db, localId, changes, env) {
  return writeQueue(db, (t) => updateIn(t, localId, changes, env));
}

async function updateIn(t, localId, changes, env) {
  const memo = await t.get('memos', localId);
  if (!memo || memo.deleted) throw new MemoNotFoundError(localId);
  for (const key of ['content', 'tags', 'tagCategory', 'pageNumber']) {
    if (changes[key] !== undefined) memo[key] = changes[key];
  }
  memo.updatedAt = env.now();
  await t.put('memos', memo);

  const open = (await itemsOf(t, localId)).filter((i) => i.status !== Q.SUCCESS);
  const last = open.at(-1);
  if (last && (untouched(last) || last.status === Q.FAILED) && last.type !== 'DELETE') {
    last.data = { ...last.data, ...memoFields(memo) };
    if (last.status === Q.FAILED) {
      // Editing a rejected write is its retry: a new key, since the old one is bound to the rejected body.
      Object.assign(last, { status: Q.PENDING, idempotencyKey: env.uuid(), attempts: 0, nextAttemptAt: 0, sent: null, error: null });
    }
    last.updatedAt = env.now();
    await t.put('queue', last);
  } else {
    await t.put('queue', newItem('UPDATE', localId, memoFields(memo), env));
  }
  return settleMemo(t, localId);
}

/**
 * Deletes a memo. Nothing reached the server yet → it vanishes and nothing is sent. Otherwise its unsent
 * edits are dropped (they would be deleted anyway) and a DELETE is queued: WAITING behind a write that is
 * on the wire right now (it runs after that one finished), PENDING otherwise. The memo hides at once.
 */
export function deleteMemo(db, localId, env) {
  return writeQueue(db, async (t) => {
    const memo = await t.get('memos', localId);
    if (!memo || memo.deleted) return { sent: false };
    const open = (await itemsOf(t, localId)).filter((i) => i.status !== Q.SUCCESS);
    const create = open.find((i) => i.type === 'CREATE');
    if (create && (untouched(create) || create.status === Q.FAILED)) {
      for (const item of open) await t.delete('queue', item.seq);
      await t.delete('memos', localId);
      return { sent: false };
    }
    let syncing = null;
    for (const item of open) {
      if (item.status === Q.SYNCING) syncing = item;
      else if (item.type === 'UPDATE') await t.delete('queue', item.seq);
    }
    if (open.some((i) => i.type === 'DELETE')) return { sent: true };
    const del = newItem('DELETE', localId, {}, env);
    if (syncing) Object.assign(del, { status: Q.WAITING, waitingFor: syncing.id });
    await t.put('queue', del);
    memo.deleted = true;
    memo.updatedAt = env.now();
    await t.put('memos', memo);
    await settleMemo(t, localId);
    return { sent: true, waiting: Boolean(syncing) };
  });
}

/** The user's "retry" on a failed memo: its failed item runs again, with a new Idempotency-Key. */
export function retryMemo(db, localId, env) {
  return writeQueue(db, async (t) => {
    for (const item of await itemsOf(t, localId)) {
      if (item.status !== Q.FAILED) continue;
      Object.assign(item, { status: Q.PENDING, idempotencyKey: env.uuid(), attempts: 0, nextAttemptAt: 0, sent: null, error: null, updatedAt: env.now() });
      await t.put('queue', item);
    }
    return settleMemo(t, localId);
  });
}

/**
 * The user's "discard" on a failed memo: a rejected CREATE takes the memo with it; a rejected UPDATE is
 * dropped and the memo shows the server's version again; a rejected DELETE brings the memo back.
 */
export function discardFailed(db, localId) {
  return writeQueue(db, async (t) => {
    const memo = await t.get('memos', localId);
    const items = await itemsOf(t, localId);
    const failed = items.filter((i) => i.status === Q.FAILED);
    if (failed.some((i) => i.type === 'CREATE')) {
      for (const item of items) await t.delete('queue', item.seq);
      if (memo) await t.delete('memos', localId);
      return null;
    }
    for (const item of failed) await t.delete('queue', item.seq);
    if (memo && failed.some((i) => i.type === 'DELETE')) {
      memo.deleted = false;
      await t.put('memos', memo);
    }
    if (memo && failed.some((i) => i.type === 'UPDATE')) {
      memo.stale = true; // the merge shows the server's text for it from now on
      await t.put('memos', memo);
    }
    return settleMemo(t, localId);
  });
}

/** The queue groups of shelf changes are `shelf-{id}` (shelf-queue.js): a prefix of the localId index. */
const SHELF_GROUPS = 'shelf-';
/** And those of own-tag changes are `tag-{code}` (tag-queue.js). */
const TAG_GROUPS = 'tag-';

/**
 * Counts of open work, for the header badge and the toasts: index counts, no memo item is read. Of them, the shelf
 * changes (few, so read): `shelfWaiting` still to be sent, `shelfFailed` refused; the rest are memos.
 */
export function queueCounts(db) {
  return db.read(['queue'], async (t) => {
    const counts = await Promise.all(OPEN.map((status) => t.count('queue', 'status', status)));
    const shelf = await t.allWithPrefix('queue', 'localId', SHELF_GROUPS);
    const tags = await t.allWithPrefix('queue', 'localId', TAG_GROUPS);
    const waiting = (i) => i.status === Q.PENDING || i.status === Q.WAITING || i.status === Q.SYNCING;
    return {
      ...Object.fromEntries(OPEN.map((status, i) => [status, counts[i]])),
      shelfWaiting: shelf.filter((i) => i.status === Q.PENDING || i.status === Q.WAITING || i.status === Q.SYNCING).length,
      shelfFailed: shelf.filter((i) => i.status === Q.FAILED).length,
      tagWaiting: tags.filter(waiting).length,
      tagFailed: tags.filter((i) => i.status === Q.FAILED).length,
    };
  });
}
