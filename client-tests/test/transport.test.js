import { describe, it, expect } from 'vitest';
import { createHttpClient, parseRetryAfter, fetchWithin } from '../../src/ReadingTracker.Api/wwwroot/js/offline/transport.js';
import { fakeLocks } from './support.js';

const reply = (status, body, headers = {}) => ({ status, ok: status >= 200 && status < 300, headers: new Headers(headers), json: async () => body });
const unauthorized = () => reply(401, { ok: false, error: { code: 'UNAUTHORIZED' } });

/**
 * One stored session (what IndexedDB holds) and, per context, the copy it presents: `context()` makes one more
 * page or worker over the same stored session.
 */
function sharedSession(initial) {
  let stored = { ...initial };
  let refreshCalls = 0;
  const context = () => {
    let current = { ...stored };
    return {
      get current() {
        return current;
      },
      load: async () => {
        current = stored ? { ...stored } : null;
        return current;
      },
      setTokens: async ({ accessToken, refreshToken }) => {
        stored = { ...stored, accessToken, refreshToken };
        current = { ...stored };
      },
    };
  };
  return { context, stored: () => stored, refreshCalls: () => refreshCalls, countRefresh: () => { refreshCalls += 1; } };
}

/** A server whose valid access token is `valid`; POST /auth/refresh with `refreshToken` rotates the pair. */
function tokenServer(shared, { valid = 'A2', refreshToken = 'R1', next = { accessToken: 'A2', refreshToken: 'R2' }, refreshAnswer } = {}) {
  const seen = [];
  const fetchImpl = async (url, init) => {
    seen.push({ url, auth: init.headers.Authorization ?? null, body: init.body ? JSON.parse(init.body) : undefined });
    if (url.endsWith('/auth/refresh')) {
      shared.countRefresh();
      if (refreshAnswer) return refreshAnswer();
      return JSON.parse(init.body).refreshToken === refreshToken ? reply(200, { ok: true, data: next }) : unauthorized();
    }
    return init.headers.Authorization === `Bearer ${valid}` ? reply(200, { ok: true, data: { id: 1 } }) : unauthorized();
  };
  return { fetchImpl, seen };
}

describe('the one HTTP client', () => {
  it('SendsTheBearerTokenAndIdempotencyKey_AndUnwrapsTheEnvelope', async () => {
    const seen = [];
    const client = createHttpClient({
      session: { current: { accessToken: 'A1' } },
      language: () => 'en',
      fetchImpl: async (url, init) => { seen.push({ url, init }); return reply(201, { ok: true, data: { id: 5 } }); },
    });
    const answer = await client.send({ method: 'POST', path: '/memos', body: { content: 'x' }, headers: { 'Idempotency-Key': 'k1' } });
    expect(answer).toMatchObject({ status: 201, ok: true, data: { id: 5 }, payload: { ok: true, data: { id: 5 } } });
    expect(seen[0].url).toBe('/api/v1/memos');
    expect(seen[0].init.headers).toMatchObject({
      Authorization: 'Bearer A1', 'Idempotency-Key': 'k1', 'Content-Type': 'application/json', 'Accept-Language': 'en', Accept: 'application/json',
    });
    expect(JSON.parse(seen[0].init.body)).toEqual({ content: 'x' });
  });

  it('WithoutAuth_SendsNoToken_AndA401IsTheAnswer', async () => {
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'R1' });
    const server = tokenServer(shared);
    const client = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks: null });
    expect((await client.send({ method: 'POST', path: '/auth/login', body: {}, auth: false })).status).toBe(401);
    expect(server.seen.map((r) => r.auth)).toEqual([null]);
    expect(shared.refreshCalls()).toBe(0);
  });

  it('On401_RefreshesOnce_StoresTheRotatedPair_AndRetriesWithTheNewToken', async () => {
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'R1' });
    const server = tokenServer(shared);
    const client = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks: null });
    expect((await client.send({ method: 'DELETE', path: '/memos/1' })).status).toBe(200);
    expect(server.seen.map((r) => [r.url, r.auth])).toEqual([['/api/v1/memos/1', 'Bearer A1'], ['/api/v1/auth/refresh', null], ['/api/v1/memos/1', 'Bearer A2']]);
    expect(server.seen[1].body).toEqual({ refreshToken: 'R1' });
    expect(shared.stored()).toMatchObject({ accessToken: 'A2', refreshToken: 'R2' });
  });

  it('ConcurrentUnauthorizedRequests_ShareOneRefresh', async () => {
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'R1' });
    const server = tokenServer(shared);
    const client = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks: null });
    const answers = await Promise.all([1, 2, 3, 4].map((id) => client.send({ method: 'GET', path: `/memos/${id}` })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(shared.refreshCalls()).toBe(1);
  });

  it('TwoContextsOverOneStoredSession_RefreshOnce_TheSecondUsesThePairTheFirstStored', async () => {
    // A tab and the worker both hold A1 when it expires; the Web Lock lets one refresh, the other finds R1 spent.
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'R1' });
    const server = tokenServer(shared);
    const locks = fakeLocks();
    const page = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks });
    const worker = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks });
    const answers = await Promise.all([page.send({ method: 'GET', path: '/memos/1' }), worker.send({ method: 'GET', path: '/memos/2' })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(shared.refreshCalls()).toBe(1);
    expect(server.seen.filter((r) => r.url.endsWith('/auth/refresh')).map((r) => r.body.refreshToken)).toEqual(['R1']);
  });

  it('A401ForATokenAlreadyReplaced_RetriesWithoutASecondRefresh', async () => {
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'R1' });
    const context = shared.context();
    const auth = [];
    const client = createHttpClient({
      session: context,
      locks: null,
      fetchImpl: async (url, init) => {
        auth.push(init.headers.Authorization);
        if (url.endsWith('/auth/refresh')) shared.countRefresh();
        // Another request's refresh finishes while this one is on the wire with the old token.
        if (init.headers.Authorization === 'Bearer A1') { await context.setTokens({ accessToken: 'A2', refreshToken: 'R2' }); return unauthorized(); }
        return reply(200, { ok: true, data: { id: 1 } });
      },
    });
    const answer = await client.send({ method: 'GET', path: '/memos/1' });
    expect(answer).toMatchObject({ status: 200, data: { id: 1 }, error: null, retryAfterMs: null });
    expect(auth).toEqual(['Bearer A1', 'Bearer A2']);
    expect(shared.refreshCalls()).toBe(0);
  });

  it('RefreshRefused_Returns401_AndTellsTheOwner_NeverAnInventedSuccess', async () => {
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'spent' });
    const server = tokenServer(shared);
    let rejected = 0;
    const client = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks: null, onSessionRejected: () => { rejected += 1; } });
    expect((await client.send({ method: 'DELETE', path: '/memos/1' })).status).toBe(401);
    expect(rejected).toBe(1);
  });

  it('ARefreshWithoutAnswer_IsNoAnswer_AndKeepsTheSession', async () => {
    const shared = sharedSession({ accessToken: 'A1', refreshToken: 'R1' });
    const server = tokenServer(shared, { refreshAnswer: () => { throw new TypeError('Failed to fetch'); } });
    let rejected = 0;
    const client = createHttpClient({ session: shared.context(), fetchImpl: server.fetchImpl, locks: null, onSessionRejected: () => { rejected += 1; } });
    expect(await client.send({ method: 'GET', path: '/memos/1' })).toMatchObject({ status: 0, error: { code: 'NETWORK_ERROR' } });
    expect(rejected).toBe(0);
    expect(shared.stored()).toMatchObject({ accessToken: 'A1', refreshToken: 'R1' });
  });

  it('NoAnswer_IsStatusZero_WithTheRetryAfterOfA503Kept', async () => {
    const down = createHttpClient({ session: null, fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    expect(await down.send({ method: 'GET', path: '/x' })).toMatchObject({ status: 0, ok: false });
    const busy = createHttpClient({ session: null, fetchImpl: async () => reply(503, { ok: false, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' } }, { 'Retry-After': '7' }) });
    expect(await busy.send({ method: 'GET', path: '/x' })).toMatchObject({ status: 503, ok: false, retryAfterMs: 7000, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' } });
  });

  it('AnEnvelopeThatSaysNotOk_IsNotOk_EvenWith200', async () => {
    const client = createHttpClient({ session: null, fetchImpl: async () => reply(200, { ok: false, error: { code: 'X' } }) });
    expect(await client.send({ method: 'GET', path: '/x' })).toMatchObject({ status: 200, ok: false, error: { code: 'X' } });
  });

  it('AHungRequest_IsGivenUpAfterTheTimeout', async () => {
    const hang = async (url, init) => new Promise((_, reject) => { init.signal.addEventListener('abort', () => reject(new Error('aborted'))); });
    const client = createHttpClient({ session: null, fetchImpl: hang, timeoutMs: 20 });
    expect(await client.send({ method: 'GET', path: '/x' })).toMatchObject({ status: 0, error: { code: 'NETWORK_ERROR' } });
    // The deadline covers the body too.
    const slowBody = async (url, init) => ({
      status: 200, ok: true, headers: new Headers(), json: () => new Promise((_, reject) => { init.signal.addEventListener('abort', () => reject(new Error('aborted'))); }),
    });
    await expect(fetchWithin(slowBody, '/x', {}, 20, (r) => r.json())).rejects.toThrow('aborted');
  });

  it('ParseRetryAfter_ReadsSecondsAndHttpDates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(new Date(1_000).toUTCString(), 4_000)).toBe(0);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
  });
});
