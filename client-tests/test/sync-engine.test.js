import { describe, it, expect } from 'vitest';
import { env as makeEnv, freshDb, memoInput, fakeServer, fakeLocks, networkDown, queueOf, memoOf, sentCreates, sleep } from './support.js';
import { createMemo, updateMemo, deleteMemo, retryMemo, discardFailed } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-queue.js';
import { createSyncEngine } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-engine.js';
import { queueTagChange, isTempTag } from '../../src/ReadingTracker.Api/wwwroot/js/offline/tag-queue.js';
import { queueShelfChange } from '../../src/ReadingTracker.Api/wwwroot/js/offline/shelf-queue.js';

function setup({ policy, locks = fakeLocks(), random = () => 0.5, concurrency, batchSize } = {}) {
  const env = makeEnv();
  const { db, userId } = freshDb();
  const server = fakeServer();
  const engine = createSyncEngine({ db, userId, transport: server.transport(policy), locks, now: env.now, random, concurrency, batchSize });
  return { env, db, userId, server, engine, locks };
}

describe('offline create and sync (docs/contract.md §9.1, scenarios 1–2)', () => {
  it('CreateOffline_SavesPendingMemo_AndQueuesOneCreateWithClientIdAndKey', async () => {
    const { env, db } = setup();
    const memo = await createMemo(db, memoInput(), env);
    const [item] = await queueOf(db);
    expect(memo.syncStatus).toBe('pending');
    expect(item).toMatchObject({ type: 'CREATE', status: 'PENDING', localId: memo.localId, attempts: 0 });
    expect(item.data.clientId).toBe(memo.clientId);
    expect(item.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Sync_PostsTheMemoOnce_MarksItSuccess_AndTheMemoSyncedWithItsServerId', async () => {
    const { env, db, server, engine } = setup();
    const memo = await createMemo(db, memoInput(), env);
    const summary = await engine.sync();
    const [item] = await queueOf(db);
    expect(summary.synced).toBe(1);
    expect(server.log).toHaveLength(1);
    expect(server.log[0]).toMatchObject({ method: 'POST', path: '/memos', headers: { 'Idempotency-Key': item.idempotencyKey } });
    expect(server.log[0].body.clientId).toBe(memo.clientId);
    expect(item.status).toBe('SUCCESS');
    expect(await memoOf(db, memo.localId)).toMatchObject({ syncStatus: 'synced', serverId: server.live()[0].id, version: 1 });
  });
});

describe('queue rules', () => {
  it('EditsBeforeFirstSync_CoalesceIntoOneCreate_WithTheLastText', async () => {
    const { env, db, server, engine } = setup();
    const memo = await createMemo(db, memoInput({ content: 'first' }), env);
    await updateMemo(db, memo.localId, { content: 'second' }, env);
    await updateMemo(db, memo.localId, { content: 'third', pageNumber: 40 }, env);
    expect(await queueOf(db)).toHaveLength(1);
    await engine.sync();
    expect(server.log.map((r) => r.method)).toEqual(['POST']);
    expect(server.live()[0]).toMatchObject({ content: 'third', pageNumber: 40 });
  });

  it('CreateThenDeleteBeforeAnySync_SendsNothing_AndLeavesNothing', async () => {
    const { env, db, server, engine } = setup();
    const memo = await createMemo(db, memoInput(), env);
    await updateMemo(db, memo.localId, { content: 'edited' }, env);
    expect(await deleteMemo(db, memo.localId, env)).toEqual({ sent: false });
    await engine.sync();
    expect(server.log).toHaveLength(0);
    expect(await queueOf(db)).toHaveLength(0);
    expect(await memoOf(db, memo.localId)).toBeUndefined();
  });

  it('EditWhileCreateIsSyncing_IsAllowed_AndReachesTheServerAfterTheCreate (test 5)', async () => {
    let release;
    const gate = new Promise((r) => { release = r; });
    const { env, db, server, engine } = setup({ policy: async (req, next) => { if (req.method === 'POST') await gate; return next(req); } });
    const memo = await createMemo(db, memoInput({ content: 'draft' }), env);
    const running = engine.sync();
    await until(async () => (await memoOf(db, memo.localId)).syncStatus === 'syncing_create');
    const edited = await updateMemo(db, memo.localId, { content: 'while syncing' }, env);
    expect(edited).toMatchObject({ syncStatus: 'syncing_create', content: 'while syncing' });
    release();
    await running;
    expect(server.log.map((r) => `${r.method} ${r.body?.content ?? ''}`)).toEqual(['POST draft', `PUT while syncing`]);
    expect(server.log[1].path).toBe(`/memos/${server.live()[0].id}`);
    expect(server.live()[0]).toMatchObject({ content: 'while syncing', version: 2 });
    expect(await memoOf(db, memo.localId)).toMatchObject({ syncStatus: 'synced', version: 2 });
  });

  it('DeleteWhileUpdateIsSyncing_Waits_ThenRunsAfterThePut (test 6)', async () => {
    let release;
    const gate = new Promise((r) => { release = r; });
    const { env, db, server, engine } = setup({ policy: async (req, next) => { if (req.method === 'PUT') await gate; return next(req); } });
    const memo = await createMemo(db, memoInput(), env);
    await engine.sync();
    await updateMemo(db, memo.localId, { content: 'edit' }, env);
    const running = engine.sync();
    await until(async () => (await memoOf(db, memo.localId)).syncStatus === 'syncing_update');
    const update = (await queueOf(db)).find((i) => i.type === 'UPDATE');
    expect(await deleteMemo(db, memo.localId, env)).toEqual({ sent: true, waiting: true });
    const del = (await queueOf(db)).find((i) => i.type === 'DELETE');
    expect(del).toMatchObject({ status: 'WAITING', waitingFor: update.id });
    expect(await memoOf(db, memo.localId)).toMatchObject({ deleted: true, syncStatus: 'waiting' });
    release();
    await running;
    expect(server.log.map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
    expect(server.live()).toHaveLength(0);
    expect(await memoOf(db, memo.localId)).toBeUndefined();
  });

  it('EditThenDeleteOfASyncedMemo_DropsTheUnsentEdit_AndSendsOnlyTheDelete', async () => {
    const { env, db, server, engine } = setup();
    const memo = await createMemo(db, memoInput(), env);
    await engine.sync();
    await updateMemo(db, memo.localId, { content: 'never sent' }, env);
    await deleteMemo(db, memo.localId, env);
    await engine.sync();
    expect(server.log.map((r) => r.method)).toEqual(['POST', 'DELETE']);
  });

  it('OrderPerMemo_IsPreserved_AcrossCreateAndTwoSentUpdates', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => (req.method === 'PUT' && req.body.content === 'one' && !server.log.some((r) => r.method === 'PUT') ? (server.log.push(req), networkDown) : next(req)) });
    const memo = await createMemo(db, memoInput({ content: 'zero' }), env);
    await engine.sync();
    await updateMemo(db, memo.localId, { content: 'one' }, env);
    await engine.sync(); // the PUT "one" gets no answer: it is frozen and retried as is
    await updateMemo(db, memo.localId, { content: 'two' }, env);
    await engine.sync({ ignoreBackoff: true });
    expect(server.log.map((r) => `${r.method} ${r.body?.content}`)).toEqual(['POST zero', 'PUT one', 'PUT one', 'PUT two']);
    expect(server.live()[0].content).toBe('two');
  });
});

describe('failures and retries (test 7)', () => {
  it('NetworkFailure_KeepsTheItemPending_WithBackoff_AndRetriesWithTheSameKeyAndBody', async () => {
    let down = true;
    const { env, db, server, engine } = setup({ policy: async (req, next) => (down ? (server.log.push(req), networkDown) : next(req)) });
    await createMemo(db, memoInput(), env);
    const first = await engine.sync();
    const [item] = await queueOf(db);
    expect(first).toMatchObject({ synced: 0, deferred: 1, halted: 'unreachable' });
    expect(item).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(item.nextAttemptAt).toBe(env.now() + 500); // full jitter of 1 s with random() = 0.5
    await engine.sync();
    expect(server.log).toHaveLength(1); // not due yet
    env.advance(500);
    down = false;
    await engine.sync();
    expect(server.log).toHaveLength(2);
    expect(server.log[1]).toEqual(server.log[0]);
    expect(server.live()).toHaveLength(1);
  });

  it('AnswerLostAfterTheServerSavedIt_RetryReturnsTheSameMemo_NoDuplicate', async () => {
    let lose = true;
    const { env, db, server, engine } = setup({ policy: async (req, next) => { const answer = next(req); if (lose) { lose = false; return networkDown; } return answer; } });
    await createMemo(db, memoInput(), env);
    await engine.sync();
    await engine.sync({ ignoreBackoff: true });
    expect(server.log).toHaveLength(2);
    expect(server.live()).toHaveLength(1);
  });

  it('Status503WithRetryAfter_WaitsAtLeastThatLong_AndStopsThePass', async () => {
    const unavailable = { status: 503, data: null, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' }, retryAfterMs: 30000 };
    const { env, db, server, engine } = setup({ policy: async (req) => { server.log.push(req); return unavailable; }, concurrency: 1, batchSize: 1 });
    for (let i = 0; i < 3; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    const summary = await engine.sync();
    expect(summary.halted).toBe('unavailable');
    expect(server.log).toHaveLength(1);
    const items = await queueOf(db);
    expect(items.every((i) => i.status === 'PENDING')).toBe(true);
    expect(items[0].nextAttemptAt).toBe(env.now() + 30000);
    expect(items[1].attempts).toBe(0);
  });

  it('Status409InFlight_IsRetried_NotFailed', async () => {
    let busy = true;
    const { env, db, server, engine } = setup({ policy: async (req, next) => { if (busy) { busy = false; return { status: 409, error: { code: 'IDEMPOTENCY_KEY_IN_USE' }, retryAfterMs: 1000 }; } return next(req); } });
    await createMemo(db, memoInput(), env);
    await engine.sync();
    expect((await queueOf(db))[0]).toMatchObject({ status: 'PENDING', attempts: 1 });
    env.advance(1000);
    await engine.sync();
    expect(server.live()).toHaveLength(1);
  });

  it('Permanent400_BecomesFailed_ThenRetryUsesANewKey_AndDiscardRemovesTheMemo', async () => {
    let reject = true;
    const { env, db, server, engine } = setup({ policy: async (req, next) => (reject ? { status: 400, error: { code: 'VALIDATION_FAILED', message: 'bad' } } : next(req)) });
    const memo = await createMemo(db, memoInput(), env);
    // A refusal of the memo itself is shown on it, not counted as a failed sync.
    expect(await engine.sync()).toMatchObject({ failed: 0, invalid: 1 });
    const [failed] = await queueOf(db);
    expect(failed).toMatchObject({ status: 'FAILED', error: { status: 400, code: 'VALIDATION_FAILED' } });
    expect(await memoOf(db, memo.localId)).toMatchObject({ syncStatus: 'failed' });
    await retryMemo(db, memo.localId, env);
    const [again] = await queueOf(db);
    expect(again.status).toBe('PENDING');
    expect(again.idempotencyKey).not.toBe(failed.idempotencyKey);
    await engine.sync();
    expect((await memoOf(db, memo.localId)).syncStatus).toBe('failed');
    await discardFailed(db, memo.localId);
    expect(await memoOf(db, memo.localId)).toBeUndefined();
    expect(await queueOf(db)).toHaveLength(0);
    reject = false;
    expect(server.live()).toHaveLength(0);
  });

  it('RefusalOfAGoneBook404_IsStillASyncFailure_NotAValidationRefusal', async () => {
    const { env, db, engine } = setup({ policy: async () => ({ status: 404, error: { code: 'USER_BOOK_NOT_FOUND', message: 'gone' } }) });
    await createMemo(db, memoInput(), env);
    expect(await engine.sync()).toMatchObject({ failed: 1, invalid: 0 });
  });

  it('CreatesWhoseScreenStoppedWaiting_AreCountedLate_TheOthersNot', async () => {
    const { env, db, engine } = setup();
    const away = await createMemo(db, memoInput({ content: 'written offline' }), env);
    await createMemo(db, memoInput({ content: 'answered on screen' }), env);
    await db.write(['memos'], async (t) => t.put('memos', { ...(await t.get('memos', away.localId)), announceSync: true }));
    expect(await engine.sync()).toMatchObject({ synced: 2, late: 1 });
  });

  it('Unauthorized_LeavesTheItemPendingWithoutCountingAnAttempt_AndHaltsForAuth', async () => {
    const { env, db, engine } = setup({ policy: async () => ({ status: 401, error: { code: 'UNAUTHORIZED' } }) });
    await createMemo(db, memoInput(), env);
    const summary = await engine.sync();
    expect(summary.halted).toBe('auth');
    expect((await queueOf(db))[0]).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('DeleteAnswered404_CountsAsDone', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => (req.method === 'DELETE' ? (server.log.push(req), { status: 404, error: { code: 'MEMO_NOT_FOUND' } }) : next(req)) });
    const memo = await createMemo(db, memoInput(), env);
    await engine.sync();
    await deleteMemo(db, memo.localId, env);
    expect(await engine.sync()).toMatchObject({ synced: 1, failed: 0 });
    expect(await memoOf(db, memo.localId)).toBeUndefined();
    expect(server.log.at(-1).method).toBe('DELETE');
  });

  it('RejectedUpdateOfAMemoBeingDeleted_DoesNotBlockTheDelete', async () => {
    let release;
    const gate = new Promise((r) => { release = r; });
    const { env, db, server, engine } = setup({ policy: async (req, next) => { if (req.method === 'PUT') { await gate; server.log.push(req); return { status: 400, error: { code: 'VALIDATION_FAILED' } }; } return next(req); } });
    const memo = await createMemo(db, memoInput(), env);
    await engine.sync();
    await updateMemo(db, memo.localId, { content: 'x' }, env);
    const running = engine.sync();
    await until(async () => (await memoOf(db, memo.localId)).syncStatus === 'syncing_update');
    await deleteMemo(db, memo.localId, env);
    release();
    await running;
    await engine.sync();
    expect(server.log.map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
    expect(server.live()).toHaveLength(0);
  });

  it('ConflictFromAnotherDevice_IsFlaggedOnTheMemo', async () => {
    const { env, db, server, engine } = setup();
    const memo = await createMemo(db, memoInput(), env);
    await engine.sync();
    const onServer = server.live()[0];
    server.handle({ method: 'PUT', path: `/memos/${onServer.id}`, body: { content: 'other device' }, headers: {} });
    await updateMemo(db, memo.localId, { content: 'this device' }, env);
    await engine.sync();
    expect(server.log.at(-1).body.baseVersion).toBe(1);
    expect(server.live()[0]).toMatchObject({ content: 'this device', version: 3 });
    expect(server.live()[0].history.map((h) => h.content)).toContain('other device');
    expect(await memoOf(db, memo.localId)).toMatchObject({ conflict: true, syncStatus: 'synced' });
  });
});

describe('one sender at a time', () => {
  it('TwoTabsSyncingAtOnce_SendEachItemOnce', async () => {
    const env = makeEnv();
    const { db, userId } = freshDb();
    const server = fakeServer();
    const locks = fakeLocks();
    const slow = server.transport(async (req, next) => { await sleep(2); return next(req); });
    const tabA = createSyncEngine({ db, userId, transport: slow, locks, now: env.now });
    const tabB = createSyncEngine({ db, userId, transport: slow, locks, now: env.now });
    for (let i = 0; i < 20; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    await Promise.all([tabA.sync(), tabB.sync(), tabA.sync(), tabB.sync()]);
    expect(sentCreates(server.log)).toHaveLength(20);
    expect(new Set(sentCreates(server.log)).size).toBe(20);
  });

  it('WithoutWebLocks_TheCompareAndSetClaimStillPreventsADoubleSend', async () => {
    const env = makeEnv();
    const { db, userId } = freshDb();
    const server = fakeServer();
    const slow = server.transport(async (req, next) => { await sleep(2); return next(req); });
    const engines = [0, 1, 2].map(() => createSyncEngine({ db, userId, transport: slow, locks: null, now: env.now, batchSize: 1 }));
    for (let i = 0; i < 15; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    await Promise.all(engines.map((e) => e.sync()));
    await Promise.all(engines.map((e) => e.sync()));
    expect(server.log).toHaveLength(15);
  });

  it('ItemsLeftSyncingByAClosedTab_AreSentAgainByTheNextLockHolder', async () => {
    const { env, db, server, engine } = setup();
    await createMemo(db, memoInput(), env);
    await db.write(['queue'], async (t) => { const [i] = await t.all('queue'); await t.put('queue', { ...i, status: 'SYNCING', claimedAt: env.now() }); });
    await engine.sync();
    expect(server.live()).toHaveLength(1);
  });
});

describe('batched creates (POST /memos/batch)', () => {
  it('ManyCreates_GoInOneBatchPerHundred_EachItemJudgedOnItsOwn', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      if (req.path !== '/memos/batch') return next(req);
      const answer = next(req);
      answer.data.results[1] = { clientId: req.body.memos[1].clientId, status: 400, memo: null, error: { code: 'VALIDATION_FAILED' } };
      return answer;
    } });
    for (let i = 0; i < 150; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    const summary = await engine.sync();
    expect(server.log.map((r) => `${r.path} ${r.body.memos.length}`)).toEqual(['/memos/batch 100', '/memos/batch 50']);
    expect(summary).toMatchObject({ synced: 148, failed: 0, invalid: 2 }); // item 1 of each batch was refused
    const items = await queueOf(db);
    expect(items.filter((i) => i.status === 'FAILED')).toHaveLength(2);
    expect(items.filter((i) => i.status === 'SUCCESS')).toHaveLength(148);
  });

  it('BatchWithNoAnswer_LeavesEveryItemPending_AndTheRetryCreatesEachOnce', async () => {
    let lose = true;
    const { env, db, server, engine } = setup({ policy: async (req, next) => { const answer = next(req); if (lose) { lose = false; return networkDown; } return answer; } });
    for (let i = 0; i < 5; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    await engine.sync();
    expect((await queueOf(db)).every((i) => i.status === 'PENDING' && i.attempts === 1)).toBe(true);
    await engine.sync({ ignoreBackoff: true });
    expect(server.live()).toHaveLength(5);
    expect(sentCreates(server.log)).toHaveLength(10);
  });

  it('BatchWithOneInvalidItem_FailsThatItemOnly_TheOthersAreSynced', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      if (req.path !== '/memos/batch') return next(req);
      const answer = next(req);
      const year1 = { code: 'VALIDATION_FAILED', message: 'bad', fields: [{ name: 'memoStartTime', reason: 'range' }] };
      answer.data.results[2] = { clientId: req.body.memos[2].clientId, status: 400, memo: null, error: year1 };
      return answer;
    } });
    for (let i = 0; i < 5; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    expect(await engine.sync()).toMatchObject({ synced: 4, failed: 0, invalid: 1, deferred: 0 });
    const failed = (await queueOf(db)).filter((i) => i.status === 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: [{ name: 'memoStartTime', reason: 'range' }] });
    // Nothing is sent again: a permanent refusal waits for the user's retry or discard.
    await engine.sync({ ignoreBackoff: true });
    expect(server.log.filter((r) => r.path === '/memos/batch')).toHaveLength(1);
  });

  it('BatchTooLarge413_SendsThatGroupOneByOne_SoOnlyTheOverLongMemoFails', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      if (req.path === '/memos/batch') return { status: 413, error: { code: 'PAYLOAD_TOO_LARGE' } };
      if (req.body?.content === 'huge') return { status: 413, error: { code: 'PAYLOAD_TOO_LARGE' } };
      return next(req);
    } });
    for (const content of ['a', 'huge', 'c']) await createMemo(db, memoInput({ content }), env);
    expect(await engine.sync()).toMatchObject({ synced: 2, failed: 1 });
    expect(server.live().map((m) => m.content).sort()).toEqual(['a', 'c']);
    const failed = (await queueOf(db)).filter((i) => i.status === 'FAILED');
    expect(failed.map((i) => [i.data.content, i.error.status])).toEqual([['huge', 413]]);
  });

  it('ServerWithoutTheBatchEndpoint_FallsBackToOneRequestPerMemo', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => (req.path === '/memos/batch' ? { status: 404, error: { code: 'NOT_FOUND' } } : next(req)) });
    for (let i = 0; i < 3; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    expect(await engine.sync()).toMatchObject({ synced: 3 });
    expect(server.log.map((r) => r.path)).toEqual(['/memos', '/memos', '/memos']);
  });
});

describe('a poisoned item never blocks the queue (SPEC §6)', () => {
  const poisoned = (req) => (req.path === '/memos/batch' ? req.body.memos : [req.body]).some((m) => m?.content === 'poison');
  const log = (server) => server.log.map((r) => (r.path === '/memos/batch' ? `batch ${r.body.memos.length}` : 'one'));

  it('ABatchAnswered500_IsSplitInHalves_DownToTheOneItem_TheHealthyOnesArriveOnce_ThePoisonStaysPendingWithBackoff', async () => {
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      if (!poisoned(req)) return next(req);
      server.log.push(req);
      return { status: 500, data: null, error: { code: 'INTERNAL_ERROR' }, retryAfterMs: null };
    } });
    for (let i = 0; i < 8; i++) await createMemo(db, memoInput({ content: i === 5 ? 'poison' : `m${i}` }), env);
    const summary = await engine.sync();
    // 8 → [0–3] + [4–7 → [4, 5 → 4 + 5] + [6, 7]]: each healthy half goes at once, the poisoned one is halved again.
    expect(log(server)).toEqual(['batch 8', 'batch 4', 'batch 4', 'batch 2', 'one', 'one', 'batch 2']);
    expect(summary).toMatchObject({ synced: 7, failed: 0, deferred: 1, halted: null });
    expect(server.live().map((m) => m.content).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm6', 'm7']);
    expect(new Set(sentCreates(server.log.filter((r) => !poisoned(r)))).size).toBe(sentCreates(server.log.filter((r) => !poisoned(r))).length);
    const stuck = (await queueOf(db)).find((i) => i.data.content === 'poison');
    expect(stuck).toMatchObject({ status: 'PENDING', attempts: 1, error: { status: 500 } });
    expect(stuck.nextAttemptAt).toBeGreaterThan(env.now());
    // Alone and still 500: PENDING again with a longer backoff, never FAILED (only a 4xx fails an item).
    await engine.sync({ ignoreBackoff: true });
    expect(await queueOf(db)).toEqual(expect.arrayContaining([expect.objectContaining({ data: expect.objectContaining({ content: 'poison' }), status: 'PENDING', attempts: 2 })]));
    expect(server.live()).toHaveLength(7);
  });

  it('ABatchRefusedAsAWhole400_IsSplit_TheItemThatAloneGets4xxFailsWithItsReason_TheRestArrive', async () => {
    const refusal = { status: 400, data: null, error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' }, retryAfterMs: null };
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      if (!poisoned(req)) return next(req);
      server.log.push(req);
      return refusal;
    } });
    for (let i = 0; i < 5; i++) await createMemo(db, memoInput({ content: i === 0 ? 'poison' : `m${i}` }), env);
    // A 400 on the memo itself is its own refusal, shown on it, not a failed sync (calm status).
    expect(await engine.sync()).toMatchObject({ synced: 4, failed: 0, invalid: 1 });
    // 5 → [0–2 → [0, 1 → 0 + 1] + 2] + [3, 4]
    expect(log(server)).toEqual(['batch 5', 'batch 3', 'batch 2', 'one', 'one', 'one', 'batch 2']);
    const failed = (await queueOf(db)).filter((i) => i.status === 'FAILED');
    expect(failed.map((i) => [i.data.content, i.error.status, i.error.code])).toEqual([['poison', 400, 'INVALID_JSON']]);
    expect(server.live()).toHaveLength(4);
    // The next pass sends nothing: the refused one waits for the reader's retry or discard.
    await engine.sync({ ignoreBackoff: true });
    expect(server.log).toHaveLength(7);
  });

  it('A503WithRetryAfter_IsWaitedOut_NotSplit', async () => {
    const { env, db, server, engine } = setup({ policy: async (req) => {
      server.log.push(req);
      return { status: 503, data: null, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' }, retryAfterMs: 30000 };
    } });
    for (let i = 0; i < 6; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    expect(await engine.sync()).toMatchObject({ synced: 0, failed: 0, deferred: 6, halted: 'unavailable' });
    expect(log(server)).toEqual(['batch 6']);
    for (const item of await queueOf(db)) {
      expect(item).toMatchObject({ status: 'PENDING', attempts: 1 });
      expect(item.nextAttemptAt).toBeGreaterThanOrEqual(env.now() + 30000);
    }
  });

  it('Batches_GoOneAfterTheOther_InTheOrderWritten', async () => {
    let inFlight = 0;
    let most = 0;
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sleep(5);
      inFlight -= 1;
      return next(req);
    } });
    for (let i = 0; i < 250; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    expect(await engine.sync()).toMatchObject({ synced: 250 });
    expect(most).toBe(1);
    expect(log(server)).toEqual(['batch 100', 'batch 100', 'batch 50']);
    // The server numbered them in the order written: ids grow with it.
    const live = server.live().sort((a, b) => a.id - b.id);
    expect(live.map((m) => m.content)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i}`));
  });
});

describe('a pass reads the queue a part at a time (claims keep their picture of it)', () => {
  const contents = (server) => server.live().sort((a, b) => a.id - b.id).map((m) => m.content);

  it('MoreMemosThanOnePartHolds_AllArriveOnce_InTheOrderWritten', async () => {
    const { env, db, server, engine } = setup();
    for (let i = 0; i < 1100; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    expect(await engine.sync()).toMatchObject({ synced: 1100, failed: 0 });
    expect(contents(server)).toEqual(Array.from({ length: 1100 }, (_, i) => `m${i}`));
    expect(sentCreates(server.log)).toHaveLength(1100);
  });

  it('AFirstPartAllBackingOff_DoesNotHoldBackTheDueMemosWrittenAfterIt', async () => {
    const { env, db, server, engine } = setup();
    for (let i = 0; i < 620; i++) await createMemo(db, memoInput({ content: `m${i}` }), env);
    // The first 600 failed a moment ago and wait for their backoff; the last 20 are due.
    await db.write(['queue'], async (t) => {
      for (const item of (await t.all('queue')).slice(0, 600)) await t.put('queue', { ...item, attempts: 1, nextAttemptAt: env.now() + 60_000 });
    });
    expect(await engine.sync()).toMatchObject({ synced: 20 });
    expect(contents(server)).toEqual(Array.from({ length: 20 }, (_, i) => `m${600 + i}`));
  });

  it('AnEditAndADeleteMadeWhileThePassRuns_WinOverItsPictureOfTheQueue', async () => {
    const written = [];
    let first = true;
    const { env, db, server, engine } = setup({ policy: async (req, next) => {
      if (first) {
        // While the first batch is on the wire, the reader edits a memo of the third and deletes another one.
        first = false;
        await updateMemo(db, written[350].localId, { content: 'edited meanwhile' }, env);
        expect(await deleteMemo(db, written[360].localId, env)).toEqual({ sent: false });
      }
      return next(req);
    } });
    for (let i = 0; i < 400; i++) written.push(await createMemo(db, memoInput({ content: `m${i}` }), env));
    expect(await engine.sync()).toMatchObject({ synced: 399 });
    const expected = Array.from({ length: 400 }, (_, i) => (i === 350 ? 'edited meanwhile' : `m${i}`)).filter((_, i) => i !== 360);
    expect(contents(server)).toEqual(expected);
    expect(sentCreates(server.log)).toHaveLength(399);
    expect(await memoOf(db, written[360].localId)).toBeUndefined();
  });

  it('AMemoGivenATagMadeOfflineWhileThePassRuns_WaitsForTheTagsCreate_NeverSentWithTheTemporaryCode', async () => {
    const env = makeEnv();
    const { db, userId } = freshDb();
    const server = fakeServer();
    const written = [];
    const carriedTemp = [];
    let first = true;
    const transport = { send: async (req) => {
      if (first) {
        // While the first batch is on the wire: a tag made offline, put on a memo the pass has not taken yet.
        first = false;
        const tag = await queueTagChange(db, { op: 'CREATE', body: { name: 'new', category: 'TYPE' } }, env);
        await updateMemo(db, written[350].localId, { tags: [tag.data.code] }, env);
      }
      if (req.path === '/tags/mine') return { status: 201, data: { code: 'u1', name: 'new', category: 'TYPE' }, error: null, retryAfterMs: null };
      const carried = req.body?.tags ?? req.body?.memos?.flatMap((m) => m.tags ?? []) ?? [];
      if (carried.some(isTempTag)) {
        carriedTemp.push(req);
        return { status: 400, data: null, error: { code: 'UNKNOWN_TAG' }, retryAfterMs: null };
      }
      return server.handle(req);
    } };
    const engine = createSyncEngine({ db, userId, transport, locks: fakeLocks(), now: env.now, random: () => 0.5 });
    for (let i = 0; i < 400; i++) written.push(await createMemo(db, memoInput({ content: `m${i}`, tags: [] }), env));
    await engine.sync();
    expect(carriedTemp).toHaveLength(0);
    expect(await memoOf(db, written[350].localId)).toMatchObject({ syncStatus: 'synced', tags: ['u1'] });
    expect(server.live()).toHaveLength(400);
  });

  it('AFailedMemoRetriedWhileThePassRuns_StillGoesBeforeTheCloseWrittenAfterIt', async () => {
    const env = makeEnv();
    const { db, userId } = freshDb();
    const server = fakeServer();
    let first = true;
    const refused = await createMemo(db, memoInput({ content: 'refused', userBookId: 7 }), env);
    const transport = { send: async (req) => {
      if (first) {
        first = false;
        await retryMemo(db, refused.localId, env);
      }
      return server.handle(req);
    } };
    const engine = createSyncEngine({ db, userId, transport, locks: fakeLocks(), now: env.now, random: () => 0.5 });
    await db.write(['queue', 'memos'], async (t) => {
      const [item] = await t.all('queue');
      await t.put('queue', { ...item, status: 'FAILED', error: { status: 422 } });
      await t.put('memos', { ...(await t.get('memos', refused.localId)), syncStatus: 'failed' });
    });
    for (let i = 0; i < 350; i++) await createMemo(db, memoInput({ content: `m${i}`, userBookId: 8 }), env);
    await queueShelfChange(db, { op: 'CLOSE', userBookId: 7, body: {} }, env);
    await engine.sync();
    const order = server.log.flatMap((r) => (r.path === '/memos/batch' ? r.body.memos.map((m) => m.content) : [r.path.includes('/close') ? 'CLOSE' : r.body?.content]));
    expect(order.indexOf('refused')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('refused')).toBeLessThan(order.indexOf('CLOSE'));
  });

  it('ABulkClaim_LeavesTheMemosPendingUntilTheirAnswersAreRecorded', async () => {
    let release;
    const gate = new Promise((r) => { release = r; });
    const seen = [];
    const { env, db, engine } = setup({ policy: async (req, next) => { await gate; return next(req); } });
    const bulk = [];
    for (let i = 0; i < 30; i++) bulk.push(await createMemo(db, memoInput({ content: `m${i}` }), env));
    const running = engine.sync();
    await until(async () => (await queueOf(db)).every((i) => i.status === 'SYNCING'));
    seen.push(...await Promise.all(bulk.map(async (m) => (await memoOf(db, m.localId)).syncStatus)));
    release();
    await running;
    expect(new Set(seen)).toEqual(new Set(['pending']));
    expect(new Set(await Promise.all(bulk.map(async (m) => (await memoOf(db, m.localId)).syncStatus)))).toEqual(new Set(['synced']));
  });
});

describe('a flapping network', () => {
  it('FiftyMemosWrittenWhileTheNetworkFlaps_ArriveExactlyOnceEach', async () => {
    let seed = 42;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const { env, db, server, engine } = setup({ random, policy: async (req, next) => {
      const roll = random();
      if (roll < 0.3) return networkDown; // never arrived
      if (roll < 0.5) { next(req); return networkDown; } // arrived, answer lost
      if (roll < 0.6) return { status: 503, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' }, retryAfterMs: 1000 };
      return next(req);
    } });
    const written = [];
    for (let i = 0; i < 50; i++) {
      written.push(await createMemo(db, memoInput({ content: `memo ${i}` }), env));
      if (i % 5 === 0) await engine.sync();
      if (i % 7 === 0) await updateMemo(db, written[i].localId, { content: `memo ${i} edited` }, env);
      env.advance(700);
    }
    for (let round = 0; round < 400 && (await queueOf(db)).some((i) => i.status !== 'SUCCESS'); round++) {
      env.advance(61000);
      await engine.sync();
    }
    const live = server.live();
    expect(live).toHaveLength(50);
    expect(new Set(live.map((m) => m.clientId)).size).toBe(50);
    for (let i = 0; i < 50; i++) expect(live.find((m) => m.clientId === written[i].clientId).content).toBe(i % 7 === 0 ? `memo ${i} edited` : `memo ${i}`);
  });
});

async function until(condition, timeoutMs = 2000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(1);
  }
}
