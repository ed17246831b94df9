import { describe, it, expect } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { userDatabase, USER_DB_PREFIX } from '../../src/ReadingTracker.Api/wwwroot/js/offline/db.js';
import { readSession, writeSession, clearSession, refreshSession } from '../../src/ReadingTracker.Api/wwwroot/js/offline/session.js';
import { createMemo } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-queue.js';
import { createMemoRepository } from '../../src/ReadingTracker.Api/wwwroot/js/offline/memo-repository.js';
import { ensurePersistentStorage } from '../../src/ReadingTracker.Api/wwwroot/js/offline/storage.js';
import { env as makeEnv, memoInput } from './support.js';

describe('one database per user (docs/contract.md §8.1)', () => {
  it('TwoUsersOnOneBrowser_NeverSeeEachOthersMemos', async () => {
    const factory = new IDBFactory();
    const env = makeEnv();
    const alice = userDatabase('101', factory);
    const bob = userDatabase('102', factory);
    await createMemo(alice, memoInput({ content: 'alice only' }), env);
    expect(alice.name).toBe(`${USER_DB_PREFIX}101`);
    expect(await createMemoRepository({ db: bob, env }).allLocal()).toEqual([]);
    expect((await createMemoRepository({ db: alice, env }).allLocal()).map((m) => m.content)).toEqual(['alice only']);
  });

  it('CachedRead_FallsBackToTheLastAnswer_OnlyWhenTheServerIsUnreachable', async () => {
    const env = makeEnv();
    const repo = createMemoRepository({ db: userDatabase('103', new IDBFactory()), env });
    expect(await repo.cachedRead('/user/books', async () => [{ id: 1 }])).toEqual({ data: [{ id: 1 }], offline: false });
    expect(await repo.cachedRead('/user/books', async () => { throw Object.assign(new Error('x'), { status: 0 }); })).toMatchObject({ data: [{ id: 1 }], offline: true });
    await expect(repo.cachedRead('/user/books', async () => { throw Object.assign(new Error('x'), { status: 404 }); })).rejects.toMatchObject({ status: 404 });
  });
});

describe('shared session store', () => {
  it('PageWritesIt_WorkerReadsIt_LogoutClearsIt', async () => {
    const factory = new IDBFactory();
    await writeSession({ userId: 5, accessToken: 'a', refreshToken: 'r' }, { factory, announce: false });
    expect(await readSession(factory)).toMatchObject({ userId: 5, accessToken: 'a' });
    await clearSession({ factory, announce: false });
    expect(await readSession(factory)).toBeNull();
  });

  it('Refresh_StoresTheRotatedPair', async () => {
    const factory = new IDBFactory();
    await writeSession({ userId: 5, accessToken: 'a', refreshToken: 'r1' }, { factory, announce: false });
    const bodies = [];
    const fetchImpl = async (url, init) => { bodies.push(JSON.parse(init.body)); return { ok: true, json: async () => ({ ok: true, data: { accessToken: 'b', refreshToken: 'r2' } }) }; };
    expect(await refreshSession({ fetchImpl, factory })).toBe(true);
    expect(bodies).toEqual([{ refreshToken: 'r1' }]);
    expect(await readSession(factory)).toMatchObject({ userId: 5, accessToken: 'b', refreshToken: 'r2' });
  });
});

describe('persistent storage', () => {
  it('AsksOnce_AndReportsUsageAndQuota', async () => {
    let asked = 0;
    const storage = { persisted: async () => false, persist: async () => { asked += 1; return true; }, estimate: async () => ({ usage: 10, quota: 100 }) };
    expect(await ensurePersistentStorage(storage)).toEqual({ supported: true, persisted: true, usage: 10, quota: 100 });
    expect(asked).toBe(1);
    expect(await ensurePersistentStorage(undefined)).toMatchObject({ supported: false });
  });
});

describe('memo repository', () => {
  it('SavingTheSameDraftTwice_QueuesOneCreate', async () => {
    const env = makeEnv();
    const db = userDatabase('104', new IDBFactory());
    const repo = createMemoRepository({ db, env });
    await repo.create(memoInput({ clientId: 'c-1', content: 'first' }));
    await repo.create(memoInput({ clientId: 'c-1', content: 'second' }));
    const queue = await db.read(['queue'], (t) => t.all('queue'));
    expect(queue).toHaveLength(1);
    expect(queue[0].data.content).toBe('second');
  });

  it('EditingAServerMemo_AdoptsItLocally_AndQueuesAnUpdateAgainstItsId', async () => {
    const env = makeEnv();
    const db = userDatabase('105', new IDBFactory());
    const repo = createMemoRepository({ db, env });
    const view = { id: 55, clientId: null, userBookId: 7, bookTitle: 'B', pageNumber: 3, content: 'server text', tags: ['quote'], memoStartTime: '2025-11-24T08:00:00', version: 2 };
    await repo.update(view, { content: 'edited', tags: ['quote'], tagCategory: 'TYPE', pageNumber: 3 });
    const [memo] = await repo.allLocal();
    expect(memo).toMatchObject({ localId: 's-55', serverId: 55, version: 2, content: 'edited', syncStatus: 'pending' });
    const [item] = await db.read(['queue'], (t) => t.all('queue'));
    expect(item).toMatchObject({ type: 'UPDATE', localId: 's-55' });
  });
});
