import { describe, it, expect } from 'vitest';
import { env as makeEnv, freshDb, memoInput, fakeServer, fakeLocks, networkDown, queueOf, memoOf } from './support.js';
import { createMemo, queueCounts, updateMemo } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-queue.js';
import { waitingParts, waitingReason } from '../../src/ReadingTracker.Api/wwwroot/js/offline/labels.js';
import { createSyncEngine } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-engine.js';
import { classify, heads } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-policy.js';
import {
  queueTagChange, tagRequest, discardTag, retryTag, tagGroup, isTempTag, overlayTags, mapCodes, tagOrderAllows,
} from '../../src/ReadingTracker.Api/wwwroot/js/offline/tag-queue.js';

/** A fake of the own-tag API beside the memo fake: codes u1, u2…, names unique per category, Idempotency-Key replays. */
function fakeTags(memoServer) {
  const tags = new Map();
  const keys = new Map();
  const log = [];
  let next = 1;
  const answer = (status, data, code = null) => ({ status, data, error: code ? { code, message: code } : null, retryAfterMs: null });
  const view = (tag) => ({ code: tag.code, name: tag.name, category: tag.category, builtIn: false });
  const taken = (name, category, except) => [...tags.values()].some((t) => !t.deleted && t.code !== except && t.category === category && t.name === name);

  function apply(req) {
    if (req.method === 'POST' && req.path === '/tags/mine') {
      if (taken(req.body.name, req.body.category)) return answer(409, null, 'DUPLICATE_TAG_NAME');
      const tag = { code: `u${next++}`, name: req.body.name, category: req.body.category, deleted: false };
      tags.set(tag.code, tag);
      return answer(201, view(tag));
    }
    const code = decodeURIComponent(req.path.split('/')[3]);
    const tag = tags.get(code);
    if (!tag || tag.deleted) return req.method === 'DELETE' && tag ? answer(200, { message: 'deleted' }) : answer(404, null, 'TAG_NOT_FOUND');
    if (req.method === 'DELETE') {
      tag.deleted = true;
      return answer(200, { message: 'deleted' });
    }
    if (req.method === 'PATCH') {
      const name = req.body.name ?? tag.name;
      const category = req.body.category ?? tag.category;
      if (taken(name, category, code)) return answer(409, null, 'DUPLICATE_TAG_NAME');
      Object.assign(tag, { name, category });
      return answer(200, view(tag));
    }
    const into = req.body.into.startsWith('u') ? tags.get(req.body.into) : { code: req.body.into, name: req.body.into, category: 'TYPE' };
    if (!into || into.deleted) return answer(400, null, 'VALIDATION_ERROR');
    tag.deleted = true;
    for (const memo of memoServer.live()) if (memo.tags?.includes(code)) memo.tags = mapCodes(memo.tags, code, into.code);
    return answer(200, view(into));
  }

  function handle(req) {
    if (!req.path.startsWith('/tags/')) {
      // The memo fake knows no tags: a memo carrying an unknown or temporary code is refused, as the server does.
      const carried = req.body?.tags ?? req.body?.memos?.flatMap((m) => m.tags ?? []) ?? [];
      if (carried.some((c) => c.startsWith('u') && !tags.get(c)) || carried.some(isTempTag)) return answer(400, null, 'UNKNOWN_TAG');
      return memoServer.handle(req);
    }
    log.push(structuredClone(req));
    const key = req.headers?.['Idempotency-Key'];
    if (key && keys.has(key)) return { ...keys.get(key), replayed: true };
    const response = apply(req);
    if (key) keys.set(key, response);
    return response;
  }

  return { tags, log, handle };
}

function setup({ down = false } = {}) {
  const env = makeEnv();
  const { db, userId } = freshDb();
  const memos = fakeServer();
  const server = fakeTags(memos);
  const state = { down };
  const transport = { send: async (req) => (state.down ? networkDown : server.handle(req)) };
  const engine = createSyncEngine({ db, userId, transport, locks: fakeLocks(), now: env.now, random: () => 0.5 });
  return { env, db, memos, server, engine, state };
}

const seed = (server, name, category = 'TYPE') => {
  const code = `u${100 + server.tags.size}`;
  server.tags.set(code, { code, name, category, deleted: false });
  return code;
};

describe('own-tag changes in the one queue (ADR-013)', () => {
  it('EachOperation_IsItsOwnRequest_WithItsKey', () => {
    const item = (data) => ({ type: 'TAG', idempotencyKey: 'k', data });
    expect(tagRequest(item({ op: 'CREATE', code: 'local-tag-1', body: { name: 'N', category: 'TOPIC' } })))
      .toEqual({ method: 'POST', path: '/tags/mine', body: { name: 'N', category: 'TOPIC' }, headers: { 'Idempotency-Key': 'k' } });
    expect(tagRequest(item({ op: 'EDIT', code: 'u5', body: { name: 'M' } }))).toMatchObject({ method: 'PATCH', path: '/tags/mine/u5', body: { name: 'M' } });
    expect(tagRequest(item({ op: 'MERGE', code: 'u5', into: 'quote' }))).toMatchObject({ method: 'POST', path: '/tags/mine/u5/merge', body: { into: 'quote' } });
    expect(tagRequest(item({ op: 'DELETE', code: 'u5' }))).toMatchObject({ method: 'DELETE', path: '/tags/mine/u5' });
    // Nothing to address yet: a temporary code, or a merge into one.
    expect(tagRequest(item({ op: 'EDIT', code: 'local-tag-1', body: { name: 'M' } }))).toBeNull();
    expect(tagRequest(item({ op: 'MERGE', code: 'u5', into: 'local-tag-2' }))).toBeNull();
  });

  it('CreateOffline_ThenRename_ThenAMemoUsingIt_ArriveInOrder_AndTheMemoCarriesTheServersCode', async () => {
    const { env, db, memos, server, engine, state } = setup({ down: true });
    const created = await queueTagChange(db, { op: 'CREATE', body: { name: '기차', category: 'TYPE' } }, env);
    const temp = created.data.code;
    expect(isTempTag(temp)).toBe(true);
    const memo = await createMemo(db, memoInput({ tags: ['quote', temp] }), env);
    // The create was sent (and lost its answer) before the rename: the rename is its own item, after it.
    await engine.sync();
    await queueTagChange(db, { op: 'EDIT', code: temp, body: { name: '기차 안' } }, env);
    expect(server.log).toHaveLength(0);

    state.down = false;
    await engine.sync({ ignoreBackoff: true });

    expect(server.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /tags/mine', 'PATCH /tags/mine/u1']);
    expect(server.tags.get('u1')).toMatchObject({ name: '기차 안' });
    expect(memos.live()).toHaveLength(1);
    expect(memos.live()[0].tags).toEqual(['quote', 'u1']);
    expect(await memoOf(db, memo.localId)).toMatchObject({ tags: ['quote', 'u1'], syncStatus: 'synced' });
    expect((await queueOf(db)).filter((i) => i.type === 'TAG').map((i) => i.localId)).toEqual([tagGroup('u1'), tagGroup('u1')]);
  });

  it('ARenameBeforeTheCreateLeft_BecomesTheCreatesName', async () => {
    const { env, db, server, engine } = setup({ down: true });
    const created = await queueTagChange(db, { op: 'CREATE', body: { name: 'a', category: 'TOPIC' } }, env);
    await queueTagChange(db, { op: 'EDIT', code: created.data.code, body: { name: 'b' } }, env);
    expect(await queueOf(db)).toHaveLength(1);
    const back = createSyncEngine({ db, userId: 'x', transport: { send: async (req) => server.handle(req) }, locks: fakeLocks(), now: env.now, random: () => 0.5 });
    await back.sync({ ignoreBackoff: true });
    await engine.sync();
    expect(server.log).toHaveLength(1);
    expect(server.tags.get('u1')).toMatchObject({ name: 'b', category: 'TOPIC' });
  });

  it('ACreateAndDeleteBeforeAnythingLeft_SendsNothing_AndTheMemoKeepsItsOtherTags', async () => {
    const { env, db, server } = setup({ down: true });
    const created = await queueTagChange(db, { op: 'CREATE', body: { name: 'x', category: 'TYPE' } }, env);
    const memo = await createMemo(db, memoInput({ tags: ['quote', created.data.code] }), env);
    expect(await queueTagChange(db, { op: 'DELETE', code: created.data.code }, env)).toBeNull();
    expect((await queueOf(db)).map((i) => i.type)).toEqual(['CREATE']);
    expect((await memoOf(db, memo.localId)).tags).toEqual(['quote']);
    expect((await queueOf(db))[0].data.tags).toEqual(['quote']);
    expect(server.log).toHaveLength(0);
  });

  it('AMergeOrDeleteWaits_ForTheMemosWrittenBeforeItWithThatTag', async () => {
    const { env, db, memos, server, engine, state } = setup({ down: true });
    const code = seed(server, '복선');
    await createMemo(db, memoInput({ tags: [code] }), env);
    await queueTagChange(db, { op: 'MERGE', code, into: 'quote' }, env);
    const order = [];
    state.down = false;
    const spy = createSyncEngine({ db, userId: 'x', transport: { send: async (req) => { order.push(`${req.method} ${req.path}`); return server.handle(req); } }, locks: fakeLocks(), now: env.now, random: () => 0.5 });
    await spy.sync({ ignoreBackoff: true });
    await engine.sync();
    expect(order).toEqual(['POST /memos', `POST /tags/mine/${code}/merge`]);
    expect(memos.live()[0].tags).toEqual(['quote']);
  });

  it('RenameOfATagDeletedElsewhere_IsFailedWithItsReason_NeverDropped_AndBlocksNothingElse', async () => {
    const { env, db, memos, server, engine } = setup();
    const code = seed(server, '사라질');
    server.tags.get(code).deleted = true; // another device deleted it
    const rename = await queueTagChange(db, { op: 'EDIT', code, body: { name: '새 이름' }, name: '사라질', category: 'TYPE' }, env);
    const memo = await createMemo(db, memoInput({ tags: ['quote'] }), env);
    await queueTagChange(db, { op: 'CREATE', body: { name: '다른 것', category: 'TYPE' } }, env);

    const summary = await engine.sync();

    const [failed] = (await queueOf(db)).filter((i) => i.seq === rename.seq);
    expect(failed).toMatchObject({ status: 'FAILED', error: { status: 404, code: 'TAG_NOT_FOUND' } });
    expect(summary).toMatchObject({ failed: 1, failedTags: 1, invalid: 0 });
    expect(memos.live()).toHaveLength(1);
    expect(await memoOf(db, memo.localId)).toMatchObject({ syncStatus: 'synced' });
    expect([...server.tags.values()].filter((t) => !t.deleted).map((t) => t.name)).toEqual(['다른 것']);
    // It shows, as the reader saw it, with its refusal; discard lets it go, retry sends it again with a new key.
    const shown = overlayTags([], await queueOf(db));
    expect(shown.find((t) => t.code === code)).toMatchObject({ name: '사라질', offlineState: { state: 'failed', op: 'EDIT' } });
    await retryTag(db, tagGroup(code), env);
    const retried = (await queueOf(db)).find((i) => i.seq === rename.seq);
    expect(retried.status).toBe('PENDING');
    expect(retried.idempotencyKey).not.toBe(rename.idempotencyKey);
    await engine.sync();
    await discardTag(db, tagGroup(code));
    expect((await queueOf(db)).some((i) => i.seq === rename.seq)).toBe(false);
  });

  it('ANameTakenMeanwhile_Is409_Final_NotRetriedForever', async () => {
    const { env, db, server, engine } = setup();
    seed(server, '같은 이름');
    await queueTagChange(db, { op: 'CREATE', body: { name: '같은 이름', category: 'TYPE' } }, env);
    await engine.sync();
    await engine.sync({ ignoreBackoff: true });
    expect(server.log).toHaveLength(1);
    expect((await queueOf(db))[0]).toMatchObject({ status: 'FAILED', error: { status: 409, code: 'DUPLICATE_TAG_NAME' } });
  });

  it('AFailedCreate_Discarded_TakesTheTagOffTheMemos_WhichThenGo', async () => {
    const { env, db, memos, server, engine } = setup();
    seed(server, '있음');
    const created = await queueTagChange(db, { op: 'CREATE', body: { name: '있음', category: 'TYPE' } }, env);
    const memo = await createMemo(db, memoInput({ tags: ['idea', created.data.code] }), env);
    await engine.sync();
    expect(memos.live()).toHaveLength(0); // held back behind the create, which was refused
    await discardTag(db, tagGroup(created.data.code));
    await engine.sync();
    expect(memos.live()).toHaveLength(1);
    expect(memos.live()[0].tags).toEqual(['idea']);
    expect(await memoOf(db, memo.localId)).toMatchObject({ tags: ['idea'], syncStatus: 'synced' });
  });

  it('DeleteOfATagAlreadyDeleted_IsDone_TheDeleteWins', () => {
    expect(classify({ type: 'TAG', data: { op: 'DELETE' } }, { status: 404 }).kind).toBe('done');
    expect(classify({ type: 'TAG', data: { op: 'EDIT' } }, { status: 404 }).kind).toBe('permanent');
    expect(classify({ type: 'TAG', data: { op: 'MERGE' } }, { status: 400 }).kind).toBe('permanent');
    expect(classify({ type: 'TAG', data: { op: 'CREATE' } }, { status: 409, error: { code: 'TAG_LIMIT_REACHED' } }).kind).toBe('permanent');
    expect(classify({ type: 'TAG', data: { op: 'CREATE' } }, { status: 409, error: { code: 'IDEMPOTENCY_KEY_IN_USE' } }).kind).toBe('transient');
  });

  it('AMergeIntoATagCreatedOffline_WaitsForThatCreate_AndGoesToItsServerCode', async () => {
    const { env, db, server, engine, state } = setup({ down: true });
    const old = seed(server, '옛');
    const created = await queueTagChange(db, { op: 'CREATE', body: { name: '새', category: 'TYPE' } }, env);
    await queueTagChange(db, { op: 'MERGE', code: old, into: created.data.code }, env);
    const open = await queueOf(db);
    expect(heads(open).map((i) => i.data.op)).toEqual(['CREATE']);
    state.down = false;
    await engine.sync({ ignoreBackoff: true });
    const merge = server.log.find((r) => r.path.endsWith('/merge'));
    expect(merge.body).toEqual({ into: 'u1' });
    expect(server.tags.get(old).deleted).toBe(true);
  });

  it('AMemoEditedOfflineToCarryANewTag_WaitsForTheCreate', () => {
    const create = { seq: 1, type: 'TAG', status: 'PENDING', data: { op: 'CREATE', code: 'local-tag-a' } };
    const update = { seq: 2, type: 'UPDATE', status: 'PENDING', data: { tags: ['local-tag-a'] } };
    expect(tagOrderAllows(update, [create], [update])).toBe(false);
    const mapped = { ...update, data: { tags: ['u9'] } };
    expect(tagOrderAllows(mapped, [{ ...create, data: { op: 'EDIT', code: 'u9' } }], [mapped])).toBe(false);
    expect(tagOrderAllows(mapped, [], [mapped])).toBe(true);
  });

  it('TheOverlay_ShowsQueuedChangesAtOnce_InOrder', () => {
    const base = [{ code: 'u1', name: 'one', category: 'TYPE' }, { code: 'u2', name: 'two', category: 'TOPIC' }, { code: 'u3', name: 'three', category: 'TYPE' }];
    const items = [
      { seq: 1, type: 'TAG', status: 'PENDING', localId: 'tag-local-tag-x', data: { op: 'CREATE', code: 'local-tag-x', body: { name: 'new', category: 'TOPIC' } } },
      { seq: 2, type: 'TAG', status: 'PENDING', localId: 'tag-u1', data: { op: 'EDIT', code: 'u1', body: { name: 'uno', category: 'TOPIC' } } },
      { seq: 3, type: 'TAG', status: 'PENDING', localId: 'tag-u2', data: { op: 'DELETE', code: 'u2' } },
      { seq: 4, type: 'TAG', status: 'PENDING', localId: 'tag-u3', data: { op: 'MERGE', code: 'u3', into: 'u1' } },
      { seq: 5, type: 'TAG', status: 'SUCCESS', updatedAt: 10, localId: 'tag-u9', result: { code: 'u9', name: 'sent', category: 'TYPE' }, data: { op: 'CREATE', code: 'u9', body: { name: 'sent', category: 'TYPE' } } },
    ];
    const shown = overlayTags(base, items, { listedAt: 5 });
    expect(shown.map((t) => [t.code, t.name, t.category, t.offlineState?.state ?? null])).toEqual([
      ['u1', 'uno', 'TOPIC', 'pending'], ['local-tag-x', 'new', 'TOPIC', 'pending'], ['u9', 'sent', 'TYPE', null],
    ]);
    // A list fetched after the sent create already has it: the sent item no longer applies.
    expect(overlayTags(base, items, { listedAt: 20 }).some((t) => t.code === 'u9')).toBe(false);
  });

  it('TagChanges_AreCountedApartFromMemosAndShelfChanges', async () => {
    const { env, db } = setup({ down: true });
    await createMemo(db, memoInput(), env);
    await queueTagChange(db, { op: 'CREATE', body: { name: 'a', category: 'TYPE' } }, env);
    await queueTagChange(db, { op: 'DELETE', code: 'u4' }, env);
    const counts = await queueCounts(db);
    expect(counts).toMatchObject({ tagWaiting: 2, shelfWaiting: 0 });
    expect(waitingParts(counts, 'en')).toEqual(['1 memo waiting to sync', '2 tag changes waiting to sync']);
    expect(waitingParts(counts, 'ko')).toEqual(['전송 대기 중인 메모 1개', '전송 대기 중인 태그 변경 2건']);
    expect(waitingReason({ online: false }, counts, 'ko')).toBe('오프라인: 변경 내용은 이 기기에 저장되고 연결되면 전송됩니다.');
  });

  it('AMemoEditAddingAnOfflineTag_IsMappedToo', async () => {
    const { env, db, memos, engine, state } = setup({ down: true });
    const memo = await createMemo(db, memoInput({ tags: ['quote'] }), env);
    state.down = false;
    await engine.sync();
    state.down = true;
    const created = await queueTagChange(db, { op: 'CREATE', body: { name: 'later', category: 'TYPE' } }, env);
    await updateMemo(db, memo.localId, { tags: ['quote', created.data.code] }, env);
    state.down = false;
    await engine.sync({ ignoreBackoff: true });
    expect(memos.live()[0].tags).toEqual(['quote', 'u1']);
  });
});
