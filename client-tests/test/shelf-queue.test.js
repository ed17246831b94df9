import { describe, it, expect } from 'vitest';
import { env as makeEnv, freshDb, memoInput, fakeServer, fakeLocks, networkDown, queueOf, memoOf } from './support.js';
import { createMemo, queueCounts } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-queue.js';
import { offlineText, waitingParts, waitingReason } from '../../src/ReadingTracker.Api/wwwroot/js/offline/labels.js';
import { createSyncEngine } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-engine.js';
import {
  queueShelfChange, shelfRequest, discardShelf, retryShelf, shelfGroup, isTempId,
} from '../../src/ReadingTracker.Api/wwwroot/js/offline/shelf-queue.js';
import { overlayEntry, overlayShelf } from '../../src/ReadingTracker.Api/wwwroot/js/offline/shelf-overlay.js';
import { classify } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-policy.js';
import { inScope } from '../../src/ReadingTracker.Api/wwwroot/js/offline/memo-merge.js';

/** A fake of the shelf API beside the memo fake: versions, baseVersion, the larger-pages rule, Idempotency-Key replays. */
function fakeShelf(memoServer) {
  const entries = new Map();
  const keys = new Map();
  const log = [];
  let nextId = 500;
  const ok = (data) => ({ status: 200, data, error: null, retryAfterMs: null });
  const notFound = { status: 404, data: null, error: { code: 'ENTRY_NOT_FOUND' }, retryAfterMs: null };

  function apply(req) {
    if (req.method === 'POST' && req.path === '/user/books') {
      const entry = { userBookId: nextId++, ...req.body, version: 1, removed: false };
      entries.set(entry.userBookId, entry);
      return ok({ message: 'added', userBookId: entry.userBookId, category: entry.category });
    }
    const id = Number(req.path.split('/')[3]);
    const entry = entries.get(id);
    if (!entry || entry.removed) return notFound;
    if (req.method === 'DELETE') {
      entry.removed = true;
      entry.version += 1;
      return ok({ message: 'removed' });
    }
    const url = new URL(`http://x${req.path}`);
    const base = req.body?.baseVersion ?? (url.searchParams.get('baseVersion') ? Number(url.searchParams.get('baseVersion')) : null);
    const late = base != null && base < entry.version;
    const body = { ...(req.body ?? {}) };
    delete body.baseVersion;
    if (url.pathname.endsWith('/category')) body.category = url.searchParams.get('category');
    const lost = [];
    if (late && body.readingProgress != null && body.readingProgress < (entry.readingProgress ?? 0)) {
      lost.push({ field: 'readingProgress', lost: String(body.readingProgress), kept: String(entry.readingProgress), loser: 'REQUEST' });
      body.readingProgress = entry.readingProgress;
    }
    Object.assign(entry, body);
    entry.version += 1;
    return ok({ message: 'changed', book: { ...entry }, conflict: late, lost });
  }

  function handle(req) {
    if (!req.path.startsWith('/user/books') && !req.path.startsWith('/memos/books/')) return memoServer.handle(req);
    log.push(structuredClone(req));
    const key = req.headers?.['Idempotency-Key'];
    const stored = key && keys.get(key);
    if (stored) return { ...stored, replayed: true };
    const response = apply(req);
    if (key) keys.set(key, response);
    return response;
  }

  return { entries, log, handle };
}

function setup({ policy = (req, next) => next(req) } = {}) {
  const env = makeEnv();
  const { db, userId } = freshDb();
  const memos = fakeServer();
  const shelf = fakeShelf(memos);
  const transport = { send: async (req) => policy(req, shelf.handle) };
  const engine = createSyncEngine({ db, userId, transport, locks: fakeLocks(), now: env.now, random: () => 0.5 });
  return { env, db, memos, shelf, engine };
}

const seedEntry = (shelf, fields = {}) => {
  const entry = { userBookId: 7, title: 'B', category: 'Reading', readingProgress: 30, totalPages: 300, version: 1, removed: false, ...fields };
  shelf.entries.set(entry.userBookId, entry);
  return entry;
};

describe('shelf changes in the one queue (ADR-013)', () => {
  it('PagesReadOffline_IsQueuedWithTheVersionSeen_AndSentOnce_WithItsKey', async () => {
    const { env, db, shelf, engine } = setup();
    seedEntry(shelf);
    const item = await queueShelfChange(db, { op: 'UPDATE', userBookId: 7, body: { readingProgress: 90 }, baseVersion: 1 }, env);
    expect(item).toMatchObject({ type: 'SHELF', localId: 'shelf-7', status: 'PENDING' });

    await engine.sync();
    await engine.sync();

    expect(shelf.log).toHaveLength(1);
    expect(shelf.log[0]).toMatchObject({ method: 'PUT', path: '/user/books/7', body: { readingProgress: 90, baseVersion: 1 }, headers: { 'Idempotency-Key': item.idempotencyKey } });
    expect(shelf.entries.get(7)).toMatchObject({ readingProgress: 90, version: 2 });
    const [done] = await queueOf(db);
    expect(done.status).toBe('SUCCESS');
    expect(done.result.book.version).toBe(2);
  });

  it('ChangesOfOneEntry_GoInOrder_AndALaterOneTakesTheVersionTheOneBeforeWasAnsweredWith', async () => {
    const { env, db, shelf, engine } = setup();
    seedEntry(shelf);
    await queueShelfChange(db, { op: 'UPDATE', userBookId: 7, body: { readingProgress: 120 }, baseVersion: 1 }, env);
    await queueShelfChange(db, { op: 'UPDATE', userBookId: 7, body: { readingProgress: 80 }, baseVersion: 1 }, env);
    await queueShelfChange(db, { op: 'CATEGORY', userBookId: 7, body: { category: 'ToRead' }, baseVersion: 1 }, env);

    await engine.sync();

    expect(shelf.log.map((r) => r.path)).toEqual(['/user/books/7', '/user/books/7', '/user/books/7/category?category=ToRead&baseVersion=3']);
    expect(shelf.log[1].body).toEqual({ readingProgress: 80, baseVersion: 2 });
    // The reader's own correction downwards was not late to their own earlier change.
    expect(shelf.entries.get(7)).toMatchObject({ readingProgress: 80, category: 'ToRead', version: 4 });
  });

  it('AddOffline_ThenProgress_ThenAMemoOnIt_ReachTheServerInOrder_UnderTheServersId', async () => {
    const { env, db, memos, shelf, engine } = setup({ policy: () => networkDown });
    const add = await queueShelfChange(db, { op: 'ADD', body: { title: 'New', author: 'A', category: 'ToRead', totalPages: 200 } }, env);
    const tempId = add.data.userBookId;
    expect(isTempId(tempId)).toBe(true);
    await queueShelfChange(db, { op: 'START', userBookId: tempId, body: { readingStartDate: '2026-11-30', readingProgress: 10 } }, env);
    const memo = await createMemo(db, memoInput({ userBookId: tempId, pageNumber: 15 }), env);
    await engine.sync();
    expect(shelf.log).toHaveLength(0);

    // Back online: the same queue, a transport that reaches the server.
    const back = createSyncEngine({ db, userId: 'x', transport: { send: async (req) => shelf.handle(req) }, locks: fakeLocks(), now: env.now, random: () => 0.5 });
    await back.sync({ ignoreBackoff: true });

    const serverId = [...shelf.entries.keys()][0];
    expect(shelf.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /user/books', `POST /user/books/${serverId}/start-reading`]);
    expect(memos.live()).toHaveLength(1);
    expect(memos.live()[0]).toMatchObject({ userBookId: serverId, pageNumber: 15 });
    expect(await memoOf(db, memo.localId)).toMatchObject({ userBookId: serverId, syncStatus: 'synced' });
    expect((await queueOf(db)).every((i) => i.status === 'SUCCESS')).toBe(true);
    expect((await queueOf(db)).filter((i) => i.type === 'SHELF').map((i) => i.localId)).toEqual([shelfGroup(serverId), shelfGroup(serverId)]);
  });

  it('ACloseQueuedAfterMemosOnTheBook_GoesAfterThoseMemos', async () => {
    const order = [];
    const { env, db, shelf, engine } = setup({ policy: (req, next) => { order.push(`${req.method} ${req.path.split('?')[0]}`); return next(req); } });
    seedEntry(shelf);
    await createMemo(db, memoInput({ userBookId: 7, pageNumber: 40 }), env);
    await createMemo(db, memoInput({ userBookId: 7, pageNumber: 45 }), env);
    await queueShelfChange(db, { op: 'CLOSE', userBookId: 7, body: { lastReadPage: 50 }, baseVersion: 1 }, env);

    await engine.sync();

    expect(order.at(-1)).toBe('POST /memos/books/7/close');
    expect(order.slice(0, -1).every((r) => r.startsWith('POST /memos') && !r.endsWith('/close'))).toBe(true);
    expect(order.length).toBeGreaterThan(1);
  });

  it('AMemoWrittenAfterAStart_GoesOnlyOnceTheStartWasAnswered_SoTheStartCannotOverwriteItsProgress', async () => {
    const events = [];
    const policy = async (req, next) => {
      events.push(`send ${req.method} ${req.path}`);
      if (req.path.endsWith('/start-reading')) await new Promise((resolve) => { setTimeout(resolve, 30); });
      const answer = await next(req);
      events.push(`done ${req.method} ${req.path}`);
      return answer;
    };
    const { env, db, shelf, engine } = setup({ policy });
    seedEntry(shelf, { category: 'ToRead', readingProgress: null });
    await queueShelfChange(db, { op: 'START', userBookId: 7, body: { readingStartDate: '2026-11-30', readingProgress: 10 }, baseVersion: 1 }, env);
    await createMemo(db, memoInput({ userBookId: 7, pageNumber: 25 }), env);

    await engine.sync();

    const memoSent = events.findIndex((e) => e.startsWith('send POST /memos'));
    expect(memoSent).toBeGreaterThan(events.indexOf('done POST /user/books/7/start-reading'));
    expect((await queueOf(db)).every((i) => i.status === 'SUCCESS')).toBe(true);
  });

  it('AMemoOnAnEntryAddedOffline_WaitsForTheAdd_WhileTheAddKeepsFailingWith5xx', async () => {
    const { env, db, memos, engine } = setup({ policy: (req, next) => (req.path === '/user/books' ? { status: 500, data: null, error: { code: 'X' } } : next(req)) });
    const add = await queueShelfChange(db, { op: 'ADD', body: { title: 'New', author: 'A', category: 'ToRead' } }, env);
    await createMemo(db, memoInput({ userBookId: add.data.userBookId }), env);

    await engine.sync({ ignoreBackoff: true });

    expect(memos.log).toHaveLength(0);
    expect((await queueOf(db)).map((i) => i.status)).toEqual(['PENDING', 'PENDING']);
  });

  it('AddThenRemove_BeforeTheAddLeft_SendsNothing_AndTakesTheMemosWrittenOnIt', async () => {
    const { env, db, memos, shelf, engine } = setup();
    const add = await queueShelfChange(db, { op: 'ADD', body: { title: 'New', author: 'A', category: 'ToRead' } }, env);
    const memo = await createMemo(db, memoInput({ userBookId: add.data.userBookId }), env);

    expect(await queueShelfChange(db, { op: 'REMOVE', userBookId: add.data.userBookId }, env)).toBeNull();
    await engine.sync();

    expect(shelf.log).toHaveLength(0);
    expect(memos.log).toHaveLength(0);
    expect(await queueOf(db)).toHaveLength(0);
    expect(await memoOf(db, memo.localId)).toBeUndefined();
  });

  it('RemoveOfAnEntryAlreadyGone_IsDone_NotFailed', async () => {
    const { env, db, shelf, engine } = setup();
    seedEntry(shelf, { removed: true });
    await queueShelfChange(db, { op: 'REMOVE', userBookId: 7, baseVersion: 1 }, env);

    const summary = await engine.sync();

    expect(summary.failed).toBe(0);
    expect((await queueOf(db))[0].status).toBe('SUCCESS');
  });

  it('ARefusedChange_GoesFailedWithItsReason_RetryGetsANewKey_AndDiscardDropsIt', async () => {
    const { env, db, shelf, engine } = setup();
    seedEntry(shelf, { removed: true });
    const item = await queueShelfChange(db, { op: 'UPDATE', userBookId: 7, body: { rating: 4 }, baseVersion: 1 }, env);

    await engine.sync();
    let [failed] = await queueOf(db);
    expect(failed).toMatchObject({ status: 'FAILED', error: { status: 404, code: 'ENTRY_NOT_FOUND' } });

    await retryShelf(db, shelfGroup(7), env);
    [failed] = await queueOf(db);
    expect(failed.status).toBe('PENDING');
    expect(failed.idempotencyKey).not.toBe(item.idempotencyKey);

    await engine.sync();
    await discardShelf(db, shelfGroup(7));
    expect(await queueOf(db)).toHaveLength(0);
  });

  it('A409FromTheEntrysState_IsFinal_ButAKeyStillInFlightIsRetried', () => {
    const item = { type: 'SHELF', data: { op: 'START' } };
    expect(classify(item, { status: 409, error: { code: 'INVALID_CATEGORY_TRANSITION' } }).kind).toBe('permanent');
    expect(classify(item, { status: 409, error: { code: 'IDEMPOTENCY_KEY_IN_USE' } }).kind).toBe('transient');
    expect(classify({ type: 'UPDATE' }, { status: 409, error: { code: 'X' } }).kind).toBe('transient');
  });

  it('Requests_AddressTheEntry_AndCarryTheBaseVersion_ButNeverATemporaryId', () => {
    const item = (op, body = {}, userBookId = 7) => ({ type: 'SHELF', idempotencyKey: 'k', data: { op, userBookId, body, baseVersion: 3 } });
    expect(shelfRequest(item('START', { readingProgress: 5 }))).toMatchObject({ method: 'POST', path: '/user/books/7/start-reading', body: { readingProgress: 5, baseVersion: 3 } });
    expect(shelfRequest(item('FINISH', { rating: 5 }))).toMatchObject({ method: 'POST', path: '/user/books/7/finish-reading' });
    expect(shelfRequest(item('CLOSE', { lastReadPage: 40 }))).toMatchObject({ method: 'POST', path: '/memos/books/7/close', body: { lastReadPage: 40, baseVersion: 3 } });
    expect(shelfRequest(item('REMOVE'))).toMatchObject({ method: 'DELETE', path: '/user/books/7' });
    expect(shelfRequest(item('UPDATE', { rating: 2 }, 'local-1'))).toBeNull();
  });

  it('ARequest_CarriesTheLanguageTheReaderQueuedItIn_ForTheServersMessage', () => {
    const item = { type: 'SHELF', idempotencyKey: 'k', data: { op: 'REMOVE', userBookId: 7, body: {}, language: 'en' } };
    expect(shelfRequest(item).headers).toEqual({ 'Idempotency-Key': 'k', 'Accept-Language': 'en' });
    expect(shelfRequest({ ...item, data: { ...item.data, language: null } }).headers).toEqual({ 'Idempotency-Key': 'k' });
  });
});

describe('reads with queued shelf changes on top', () => {
  const entry = { userBookId: 7, title: 'B', category: 'Reading', readingProgress: 30, lastReadPage: 30, totalPages: 300, version: 2 };
  const queued = (seq, op, body, status = 'PENDING', extra = {}) => ({ seq, type: 'SHELF', localId: 'shelf-7', status, data: { op, userBookId: 7, body }, updatedAt: 100, ...extra });

  it('OpenChanges_ApplyInOrder_AndMarkTheEntryPending', () => {
    const shown = overlayEntry(entry, [queued(2, 'CATEGORY', { category: 'AlmostFinished' }), queued(1, 'UPDATE', { readingProgress: 250 })]);
    expect(shown).toMatchObject({ readingProgress: 250, lastReadPage: 250, category: 'AlmostFinished', offlineState: { state: 'pending' } });
  });

  it('ASentChange_ReplacesAnOlderCachedCopy_ButNotAFreshServerRead', () => {
    const sent = queued(1, 'UPDATE', { readingProgress: 99 }, 'SUCCESS', { result: { book: { ...entry, readingProgress: 99, version: 3 } } });
    expect(overlayEntry(entry, [sent], { cachedAt: 50 })).toMatchObject({ readingProgress: 99, version: 3, offlineState: null });
    expect(overlayEntry(entry, [sent])).toMatchObject({ readingProgress: 30 });
  });

  it('AClose_MovesTheCategoryByTheShareOfPagesRead_AsTheServerDoes', () => {
    const close = (page, from = entry) => overlayEntry(from, [queued(1, 'CLOSE', { lastReadPage: page, readingFinishedDate: '2026-11-30', rating: 4 })]);
    expect(close(120, { ...entry, category: 'ToRead', readingProgress: null })).toMatchObject({ category: 'Reading', readingProgress: 120 });
    expect(close(243)).toMatchObject({ category: 'AlmostFinished', readingProgress: 243 }); // 81 %
    expect(close(242)).toMatchObject({ category: 'Reading' });
    expect(close(300)).toMatchObject({ category: 'Finished', readingFinishedDate: '2026-11-30', rating: 4 });
    expect(close(10)).toMatchObject({ category: 'Reading', readingProgress: 30 }); // never back
    expect(close(50, { ...entry, totalPages: null })).toMatchObject({ category: 'Reading', readingProgress: 50 });
  });

  it('TheShelf_DropsARemovedEntry_AddsOneAddedOffline_AndFiltersByTheCategoryAfterTheChanges', () => {
    const other = { ...entry, userBookId: 8, title: 'C' };
    const items = [
      queued(1, 'REMOVE', {}),
      { seq: 2, type: 'SHELF', localId: 'shelf-local-1', status: 'PENDING', data: { op: 'ADD', userBookId: 'local-1', body: { title: 'New', author: 'A', category: 'Reading' } } },
    ];
    const shelf = overlayShelf([entry, other], items, { category: 'Reading' });
    expect(shelf.map((b) => b.userBookId)).toEqual([8, 'local-1']);
    expect(shelf[1]).toMatchObject({ title: 'New', offlineState: { state: 'pending' } });
  });
});

describe('memos of an entry added offline', () => {
  // Regression: the entry's page compared ids as numbers, and a temporary id (local-…) matched nothing.
  it('AreTheBooksMemos_ByItsTemporaryId_AndNumericIdsStillMatchAsBefore', () => {
    const locals = [{ userBookId: 'local-1', memoStartTime: '2026-11-30T09:00:00' }, { userBookId: 7, memoStartTime: '2026-11-30T09:00:00' }];
    expect(inScope(locals, { userBookId: 'local-1' })).toEqual([locals[0]]);
    expect(inScope(locals, { userBookId: '7' })).toEqual([locals[1]]);
  });
});

describe('what waits is told apart: memos and shelf changes', () => {
  it('TheConnectionLine_CountsShelfChangesAsChanges_NeverAsMemos_InEnglishAndKorean', async () => {
    const { env, db } = setup();
    await queueShelfChange(db, { op: 'UPDATE', userBookId: 7, body: { readingProgress: 90 }, baseVersion: 1 }, env);
    await queueShelfChange(db, { op: 'CATEGORY', userBookId: 8, body: { category: 'ToRead' }, baseVersion: 1 }, env);
    const onlyShelf = await queueCounts(db);
    expect(onlyShelf).toMatchObject({ PENDING: 2, shelfWaiting: 2, shelfFailed: 0 });
    expect(waitingParts(onlyShelf, 'en')).toEqual(['2 shelf changes waiting to sync']);
    expect(waitingParts(onlyShelf, 'ko')).toEqual(['전송 대기 중인 서재 변경 2건']);
    expect(waitingReason({ online: false }, onlyShelf, 'en')).toBe('Offline: changes are saved on this device and sent when you are back online.');
    expect(waitingReason({ online: true, serverReachable: false }, onlyShelf, 'ko')).toBe('서버에 연결할 수 없습니다. 변경 내용은 저장되어 있고 연결되면 전송됩니다.');

    await createMemo(db, memoInput(), env);
    const both = await queueCounts(db);
    expect(waitingParts(both, 'en')).toEqual(['1 memo waiting to sync', '2 shelf changes waiting to sync']);
    expect(waitingParts(both, 'ko')).toEqual(['전송 대기 중인 메모 1개', '전송 대기 중인 서재 변경 2건']);
  });

  it('MemosAlone_KeepTheirWords', async () => {
    const { env, db } = setup();
    await createMemo(db, memoInput(), env);
    const counts = await queueCounts(db);
    expect(waitingParts(counts, 'en')).toEqual(['1 memo waiting to sync']);
    expect(waitingReason({ online: false }, counts, 'en')).toBe('Offline: memos are saved on this device and sent when you are back online.');
    expect(waitingParts({ ...counts, PENDING: 0 }, 'en')).toEqual([]);
  });

  it('ARefusedShelfChange_IsCountedAsAShelfFailure_NotAMemoFailure', async () => {
    const refuse = (req, next) => (req.path.startsWith('/user/books') ? { status: 409, data: null, error: { code: 'INVALID_CATEGORY_TRANSITION', message: 'no' } } : next(req));
    const { env, db, engine } = setup({ policy: refuse });
    await queueShelfChange(db, { op: 'FINISH', userBookId: 7, body: { readingFinishedDate: '2026-11-30', rating: 4 }, baseVersion: 1 }, env);
    const summary = await engine.sync();
    expect(summary).toMatchObject({ failed: 1, failedShelf: 1 });
    expect(await queueCounts(db)).toMatchObject({ FAILED: 1, shelfFailed: 1, shelfWaiting: 0 });
    expect(offlineText('en').shelfFailed_n(1)).toBe('⚠️ 1 shelf change was not accepted.');
    expect(offlineText('ko').shelfFailed_n(2)).toBe('⚠️ 서재 변경 2건을 서버가 받지 않았습니다.');
  });
});
