import { describe, it, expect } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { userDatabase, USER_DB_PREFIX } from '../../src/ReadingTracker.Api/wwwroot/js/offline/db.js';
import { readSession, patchSession, createSessionStore } from '../../src/ReadingTracker.Api/wwwroot/js/offline/session.js';
import { migrateLegacySession, LEGACY_SESSION_KEY } from '../../src/ReadingTracker.Api/wwwroot/js/offline/session-upgrade.js';
import { createHttpClient } from '../../src/ReadingTracker.Api/wwwroot/js/offline/transport.js';
import { createMemo } from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-queue.js';
import { createMemoRepository } from '../../src/ReadingTracker.Api/wwwroot/js/offline/memo-repository.js';
import { ensurePersistentStorage } from '../../src/ReadingTracker.Api/wwwroot/js/offline/storage.js';
import { env as makeEnv, memoInput, sleep } from './support.js';

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

describe('the one session store', () => {
  let channels = 0;
  // Each test its own channel, so one test's announcements never reach another's stores.
  const channel = () => `rt-session-test-${++channels}`;
  const until = async (condition) => {
    for (let i = 0; i < 200 && !condition(); i++) await sleep(5);
    expect(condition()).toBe(true);
  };

  it('PageWritesIt_WorkerReadsIt_LogoutClearsIt', async () => {
    const factory = new IDBFactory();
    const page = createSessionStore({ factory, channel: channel() });
    page.setTokens({ accessToken: 'a', refreshToken: 'r' });
    const stored = page.setUser({ id: 5, name: 'Kim', timeZone: 'Asia/Seoul' });
    // The screens see the change at once; the worker once it is stored.
    expect(page.current).toMatchObject({ accessToken: 'a', user: { id: 5 }, userId: 5 });
    await stored;
    expect(await readSession(factory)).toMatchObject({ userId: 5, accessToken: 'a', refreshToken: 'r', user: { name: 'Kim' } });
    await page.clear();
    expect(page.current).toBeNull();
    expect(await readSession(factory)).toBeNull();
    page.close();
  });

  it('TheProfileWithoutASession_StartsNone', async () => {
    const factory = new IDBFactory();
    const page = createSessionStore({ factory, channel: channel() });
    await page.setUser({ id: 5 });
    expect(page.current).toBeNull();
    expect(await readSession(factory)).toBeNull();
    page.close();
  });

  it('AChangeOfTheProfile_KeepsThePairAnotherContextRotated', async () => {
    const factory = new IDBFactory();
    const name = channel();
    const page = createSessionStore({ factory, channel: name });
    await page.setTokens({ accessToken: 'a1', refreshToken: 'r1' });
    // The worker rotates the pair; the page saves the profile before it heard of it.
    await patchSession({ accessToken: 'a2', refreshToken: 'r2' }, { factory, announce: false });
    await page.setUser({ id: 5, name: 'Lee' });
    expect(await readSession(factory)).toMatchObject({ accessToken: 'a2', refreshToken: 'r2', user: { name: 'Lee' } });
    expect(page.current).toMatchObject({ accessToken: 'a2', refreshToken: 'r2' });
    page.close();
  });

  it('AnotherContextsChange_IsAdopted_AndTold', async () => {
    const factory = new IDBFactory();
    const name = channel();
    const told = [];
    const page = createSessionStore({ factory, channel: name, onChange: (s) => told.push(s?.accessToken ?? null) });
    const worker = createSessionStore({ factory, channel: name });
    await page.setTokens({ accessToken: 'a1', refreshToken: 'r1' });
    await worker.load();
    await worker.setTokens({ accessToken: 'a2', refreshToken: 'r2' });
    await until(() => page.current?.accessToken === 'a2');
    await worker.clear();
    await until(() => page.current === null);
    expect(told).toEqual(['a1', 'a2', null]);
    page.close();
    worker.close();
  });

  it('ARefreshThroughTheClient_StoresTheRotatedPair', async () => {
    const factory = new IDBFactory();
    const sessions = createSessionStore({ factory, channel: channel() });
    await sessions.setTokens({ accessToken: 'a', refreshToken: 'r1' });
    const bodies = [];
    const fetchImpl = async (url, init) => {
      if (url.endsWith('/auth/refresh')) {
        bodies.push(JSON.parse(init.body));
        return { status: 200, ok: true, headers: new Headers(), json: async () => ({ ok: true, data: { accessToken: 'b', refreshToken: 'r2' } }) };
      }
      const ok = init.headers.Authorization === 'Bearer b';
      return { status: ok ? 200 : 401, ok, headers: new Headers(), json: async () => ({ ok }) };
    };
    const client = createHttpClient({ session: sessions, fetchImpl, locks: null });
    expect((await client.send({ method: 'GET', path: '/users/me' })).status).toBe(200);
    expect(bodies).toEqual([{ refreshToken: 'r1' }]);
    expect(await readSession(factory)).toMatchObject({ accessToken: 'b', refreshToken: 'r2' });
    sessions.close();
  });
});

describe('the move of a session out of localStorage', () => {
  const storage = (entries = {}) => {
    const map = new Map(Object.entries(entries));
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k), has: (k) => map.has(k) };
  };
  const legacy = (tokensAt) => JSON.stringify({ accessToken: 'pa', refreshToken: 'pr', user: { id: 9, name: 'Park' }, tokensAt });

  it('ALegacySession_MovesIntoTheStore_Once', async () => {
    const factory = new IDBFactory();
    const local = storage({ [LEGACY_SESSION_KEY]: legacy(1000), 'rt.lang': '"en"' });
    await migrateLegacySession(local, { factory });
    expect(await readSession(factory)).toMatchObject({ accessToken: 'pa', refreshToken: 'pr', userId: 9, user: { name: 'Park' } });
    expect(local.has(LEGACY_SESSION_KEY)).toBe(false);
    expect(local.has('rt.lang')).toBe(true);
    // Nothing left to move: a later start leaves the store alone.
    await patchSession({ accessToken: 'pa2' }, { factory, announce: false });
    await migrateLegacySession(local, { factory });
    expect(await readSession(factory)).toMatchObject({ accessToken: 'pa2' });
  });

  it('APairTheWorkerRotatedLater_WinsForTheSameReader', async () => {
    const factory = new IDBFactory();
    await patchSession({ userId: 9, accessToken: 'wa', refreshToken: 'wr' }, { factory, now: () => 2000, announce: false });
    await migrateLegacySession(storage({ [LEGACY_SESSION_KEY]: legacy(1000) }), { factory });
    expect(await readSession(factory)).toMatchObject({ accessToken: 'wa', refreshToken: 'wr', user: { name: 'Park' } });
  });

  it('TheWorkersCopyOfAnotherReader_GivesWayToThePagesSession', async () => {
    const factory = new IDBFactory();
    await patchSession({ userId: 4, accessToken: 'other', refreshToken: 'other-r' }, { factory, now: () => 5000, announce: false });
    await migrateLegacySession(storage({ [LEGACY_SESSION_KEY]: legacy(1000) }), { factory });
    expect(await readSession(factory)).toMatchObject({ userId: 9, accessToken: 'pa', refreshToken: 'pr' });
  });

  it('AnUnreadableLegacyEntry_IsDropped', async () => {
    const factory = new IDBFactory();
    const local = storage({ [LEGACY_SESSION_KEY]: '{not json' });
    await migrateLegacySession(local, { factory });
    expect(local.has(LEGACY_SESSION_KEY)).toBe(false);
    expect(await readSession(factory)).toBeNull();
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
