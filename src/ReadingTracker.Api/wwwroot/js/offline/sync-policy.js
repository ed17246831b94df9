// The sync engine's policy: which queue items may go, as which request, what an answer means for an item, and
// when a deferred one goes again. Pure functions over items, memos and answers (an answer is the transport's
// {status, data, error, retryAfterMs}, status 0 = no answer); the engine (sync-engine.js) applies them inside
// its IndexedDB transactions. client-tests/test/sync-policy.test.js pins every rule.
import { Q } from './sync-queue.js';
import { isShelfItem, isTempId, shelfRequest } from './shelf-queue.js';
import { isTagItem, isTempTag, tagRequest, tagOrderAllows } from './tag-policy.js';

export const BACKOFF = Object.freeze({ baseMs: 1000, capMs: 60000 });
/** Without Web Locks, a SYNCING item is taken back only after its sender had this long. */
export const LEASE_MS = 120000;
/** Sent items stay this long (the status line counts them), then go. */
export const KEEP_SUCCESS_MS = 3600000;
export const BATCH_PATH = '/memos/batch';
/** How long a screen waits for a memo it saved to reach the server (memos-service.js, offline-client.js settle). */
export const SCREEN_WAIT_MS = 4000;

/** Full jitter (AWS): uniform in [0, min(cap, base·2^attempt)], never before Retry-After. */
export function backoffDelay(attempt, retryAfterMs, random = Math.random, { baseMs, capMs } = BACKOFF) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
}

/** A refusal of the memo itself (400/422: too long, out of range…): shown on the memo, not a sync failure. */
export const isValidationRefusal = (response) => response.status === 400 || response.status === 422;

/**
 * What one answer means for one queue item: done, transient (again later, forever: a memo is never dropped),
 * auth (again once the reader signed in) or permanent (FAILED, shown with retry and discard). `halt` stops
 * the pass: the next items would fail alike.
 */
export function classify(item, response) {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'done' };
  if (status === 404 && item.type === 'DELETE') return { kind: 'done' };
  if (isShelfItem(item)) {
    // A removal that finds the entry gone is done (removed here or elsewhere: remove wins). A 409 other than a
    // key still in flight is the entry's state refusing the move (a start on a book already started): final.
    if (status === 404 && item.data.op === 'REMOVE') return { kind: 'done' };
    if (status === 409 && response.error?.code !== 'IDEMPOTENCY_KEY_IN_USE') return { kind: 'permanent' };
  }
  if (isTagItem(item)) {
    // A delete that finds the tag gone is done (deleted here or elsewhere: the delete wins). A rename or merge of a
    // tag deleted meanwhile (404), a name taken meanwhile or the tag limit (409), a merge target gone (400): final,
    // FAILED with the server's reason.
    if (status === 404 && item.data.op === 'DELETE') return { kind: 'done' };
    if (status === 409 && response.error?.code !== 'IDEMPOTENCY_KEY_IN_USE') return { kind: 'permanent' };
  }
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
  if (isShelfItem(item)) return shelfRequest(item);
  if (isTagItem(item)) return tagRequest(item);
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

/** An UPDATE or DELETE whose memo never got a server id has nothing to address: it fails, visibly. */
export const UNADDRESSABLE = Object.freeze({ status: 422, data: null, error: { code: 'NO_SERVER_ID' }, retryAfterMs: null });

/**
 * The earliest open item of each memo (or shelf entry): only a head may be sent, so each one's order holds. A memo
 * written on an entry added offline waits until the add was answered and gave the entry its server id, and one written
 * after a change of its entry waits for that change; closing a book waits for the memos written on it before (the
 * close dates the reading from its first memo).
 */
export function heads(open) {
  const first = new Map();
  const sorted = [...open].sort((a, b) => a.seq - b.seq);
  for (const item of sorted) if (!first.has(item.localId)) first.set(item.localId, item);
  const creates = sorted.filter((i) => i.type === 'CREATE' && i.status !== Q.FAILED);
  const memosBefore = (close) => creates.some((c) => c.seq < close.seq && String(c.data?.userBookId) === String(close.data.userBookId));
  // And the other way round: a memo written after a change of its entry (a start, pages read) goes after it, or the
  // change would overwrite the progress the memo moved (add → start → memo keeps that order, not only add → memo).
  const shelf = sorted.filter((i) => isShelfItem(i) && i.status !== Q.FAILED);
  const changesBefore = (create) => shelf.some((s) => s.seq < create.seq && String(s.data.userBookId) === String(create.data?.userBookId));
  // Tags: a memo carrying a tag made offline waits for its create; a merge or delete waits for the memos before it.
  const tagChanges = sorted.filter((i) => isTagItem(i) && i.status !== Q.FAILED);
  const memoWrites = tagChanges.length ? sorted.filter((i) => (i.type === 'CREATE' || i.type === 'UPDATE') && i.status !== Q.FAILED) : [];
  const tagsAllow = (item) => (tagChanges.length ? tagOrderAllows(item, tagChanges, memoWrites) : !item.data?.tags?.some?.(isTempTag));
  return [...first.values()].filter((item) => {
    if (!tagsAllow(item)) return false;
    if (isTagItem(item)) return true;
    if (isShelfItem(item)) return !(item.data.op === 'CLOSE' && memosBefore(item));
    return !isTempId(item.data?.userBookId) && !(item.type === 'CREATE' && changesBefore(item));
  });
}

/** Whether a claimed item may go now: PENDING, and its backoff over (unless the caller ignores backoff). */
export const isDue = (item, at, ignoreBackoff = false) => item.status === Q.PENDING && (ignoreBackoff || !(item.nextAttemptAt > at));

/** A SYNCING item at the start of a pass nobody is sending any more: all of them under the lock, else after the lease. */
export const isAbandoned = (item, at, holdsLock) => holdsLock || at - (item.claimedAt ?? 0) >= LEASE_MS;

/** A sent item old enough to go. */
export const isExpired = (done, at) => at - done.updatedAt > KEEP_SUCCESS_MS;

/** Creates of the claimed items in groups for POST /memos/batch; none when batching is off or one create is alone. */
export function batchGroups(items, batchSize) {
  const creates = batchSize > 1 ? items.filter((i) => i.type === 'CREATE' && i.sent) : [];
  const groups = [];
  for (let i = 0; creates.length > 1 && i < creates.length; i += batchSize) groups.push(creates.slice(i, i + batchSize));
  return groups;
}

/** One POST for a group of creates; each keeps its own clientId, so a retried batch is harmless. */
export const batchRequest = (group) => ({ method: 'POST', path: BATCH_PATH, body: { memos: group.map((i) => i.sent.body) }, headers: {} });

/**
 * What the answer to a batch means: `answers`, one per item in order (the server judged each; or it had no answer,
 * was unavailable, throttled, or asks for a sign-in: each item takes that answer, and a 503's Retry-After is waited
 * out, never split); `split` (the request as a whole was refused, 500 or a 4xx about the request: some item in it
 * may be poisoned, so the halves go on their own); or `singly` with `unsupported` (the server has no batch
 * endpoint: one request per memo from now on).
 */
export function readBatchAnswer(response, size) {
  const { status } = response;
  const results = response.data?.results;
  if (status >= 200 && status < 300 && Array.isArray(results) && results.length === size) {
    return { answers: results.map((r) => ({ status: r.status, data: r.memo, error: r.error, retryAfterMs: null })) };
  }
  if (status === 404 || status === 405) return { singly: true, unsupported: true };
  // A success without one result per memo says nothing about any of them: judged in halves, like a 500.
  if (splits(status) || (status >= 200 && status < 300)) return { split: true };
  return { answers: Array.from({ length: size }, () => response) };
}

/** A refusal of a whole batch that one item in it may have caused: 500 and other server errors, 4xx about the request. */
function splits(status) {
  if (status >= 500) return ![502, 503, 504].includes(status);
  return status >= 400 && ![401, 408, 409, 425, 429].includes(status);
}

/** A group in two halves, the first one the larger; order kept. */
export function splitInHalves(group) {
  const middle = Math.ceil(group.length / 2);
  return [group.slice(0, middle), group.slice(middle)];
}

/** A transient answer: the item's next attempt, its attempt count and the error shown meanwhile. */
export function retryLater(item, response, at, random = Math.random) {
  return {
    nextAttemptAt: at + backoffDelay(item.attempts, response.retryAfterMs, random),
    attempts: item.attempts + 1,
    error: { status: response.status, code: response.error?.code ?? null },
  };
}

/**
 * A refused item, given its memo's items: `forget` (a CREATE the user deleted meanwhile: it never existed on
 * the server, nothing is left to do), `drop` (an UPDATE of a memo being deleted: moot, and it must not block
 * the delete, whose items are `release`d) or `fail` (FAILED with `error`, shown with retry and discard).
 */
export function afterRefusal(item, items, response) {
  const laterDeletes = items.filter((i) => i.seq > item.seq && i.type === 'DELETE');
  if (item.type === 'CREATE' && laterDeletes.length) return { action: 'forget' };
  if (item.type === 'UPDATE' && laterDeletes.length) return { action: 'drop', release: laterDeletes };
  return {
    action: 'fail',
    error: { status: response.status, code: response.error?.code ?? null, message: response.error?.message ?? null, fields: response.error?.fields ?? [] },
  };
}

/**
 * The server's memo (a create's or update's answer) on the local one: its id, version and server fields. Another
 * device that wrote in between is flagged (last writer wins; theirs is in the memo's history). False when the
 * answer carries no memo.
 */
export function takeServerMemo(memo, data) {
  if (!memo || !data || typeof data !== 'object' || data.id == null) return false;
  memo.serverId = data.id;
  memo.version = data.version ?? memo.version;
  memo.bookTitle = data.bookTitle ?? memo.bookTitle;
  memo.bookIsbn = data.bookIsbn ?? memo.bookIsbn;
  memo.serverCreatedAt = data.createdAt ?? memo.serverCreatedAt;
  memo.serverUpdatedAt = data.updatedAt ?? memo.serverUpdatedAt;
  memo.progress = data.progress ?? null; // where this write left the book's progress (create/update answers only)
  if (data.conflict) memo.conflict = true;
  return true;
}
