import { describe, it, expect } from 'vitest';
import { createFetchTransport, parseRetryAfter } from '../../src/ReadingTracker.Api/wwwroot/js/offline/transport.js';

const reply = (status, body, headers = {}) => ({ status, ok: status < 300, headers: new Headers(headers), json: async () => body });

describe('fetch transport', () => {
  it('SendsTheBearerTokenAndIdempotencyKey_AndUnwrapsTheEnvelope', async () => {
    const seen = [];
    const transport = createFetchTransport({
      getSession: async () => ({ accessToken: 'A1' }),
      fetchImpl: async (url, init) => { seen.push({ url, init }); return reply(200, { ok: true, data: { id: 5 } }); },
    });
    const answer = await transport.send({ method: 'POST', path: '/memos', body: { content: 'x' }, headers: { 'Idempotency-Key': 'k1' } });
    expect(answer).toMatchObject({ status: 200, data: { id: 5 } });
    expect(seen[0].url).toBe('/api/v1/memos');
    expect(seen[0].init.headers).toMatchObject({ Authorization: 'Bearer A1', 'Idempotency-Key': 'k1', 'Content-Type': 'application/json' });
  });

  it('On401_RefreshesOnce_AndRetriesWithTheNewToken', async () => {
    let token = 'old';
    const auth = [];
    const transport = createFetchTransport({
      getSession: async () => ({ accessToken: token }),
      refresh: async () => { token = 'new'; return true; },
      fetchImpl: async (url, init) => { auth.push(init.headers.Authorization); return init.headers.Authorization === 'Bearer new' ? reply(200, { ok: true, data: {} }) : reply(401, { ok: false, error: { code: 'UNAUTHORIZED' } }); },
    });
    expect((await transport.send({ method: 'DELETE', path: '/memos/1', headers: {} })).status).toBe(200);
    expect(auth).toEqual(['Bearer old', 'Bearer new']);
  });

  it('A401ForATokenAlreadyReplaced_RetriesWithoutASecondRefresh', async () => {
    let token = 'old';
    let refreshes = 0;
    const auth = [];
    const transport = createFetchTransport({
      getSession: async () => ({ accessToken: token }),
      refresh: async () => { refreshes += 1; token = 'new'; return true; },
      fetchImpl: async (url, init) => {
        auth.push(init.headers.Authorization);
        // Another request's refresh finishes while this one is on the wire with the old token.
        if (init.headers.Authorization === 'Bearer old') { token = 'new'; return reply(401, { ok: false, error: { code: 'UNAUTHORIZED' } }); }
        return reply(200, { ok: true, data: { id: 1 } });
      },
    });
    const answer = await transport.send({ method: 'GET', path: '/memos/1', headers: {} });
    expect(answer).toEqual({ status: 200, data: { id: 1 }, error: null, retryAfterMs: null });
    expect(auth).toEqual(['Bearer old', 'Bearer new']);
    expect(refreshes).toBe(0);
  });

  it('RefreshRejected_Returns401_NeverAnInventedSuccess', async () => {
    const transport = createFetchTransport({ getSession: async () => ({ accessToken: 't' }), refresh: async () => false, fetchImpl: async () => reply(401, null) });
    expect((await transport.send({ method: 'DELETE', path: '/memos/1', headers: {} })).status).toBe(401);
  });

  it('NoAnswer_IsStatusZero_WithTheRetryAfterOfA503Kept', async () => {
    const down = createFetchTransport({ getSession: async () => null, fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    expect((await down.send({ method: 'GET', path: '/x', headers: {} })).status).toBe(0);
    const busy = createFetchTransport({ getSession: async () => null, fetchImpl: async () => reply(503, { ok: false, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' } }, { 'Retry-After': '7' }) });
    expect(await busy.send({ method: 'GET', path: '/x', headers: {} })).toMatchObject({ status: 503, retryAfterMs: 7000, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' } });
  });

  it('ParseRetryAfter_ReadsSecondsAndHttpDates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
