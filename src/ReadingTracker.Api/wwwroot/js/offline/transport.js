// The one HTTP client of the web client, for the page (under api.js) and the service worker alike: base path,
// Accept-Language, the bearer token of the stored session, one timeout, one Retry-After parser, and one refresh
// on 401. It never throws and never invents an answer: every request ends in one shape,
// {status, ok, payload, data, error, retryAfterMs}, with status 0 when the server gave no answer.

/** Every API request is given up after this long (a hung connection would otherwise hold a sync pass forever). */
export const REQUEST_TIMEOUT_MS = 30000;

/** The Web Lock around a refresh: one refresh at a time across tabs and the worker, which share the session. */
export const REFRESH_LOCK = 'rt-session-refresh';

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * fetch, aborted after `timeoutMs`. `read(response)` runs before the deadline is lifted, so a body that stops
 * arriving is cut off too. Rejects like fetch when there is no answer (or it came too late).
 */
export async function fetchWithin(fetchImpl, url, init, timeoutMs, read = (response) => response) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await read(await fetchImpl(url, { ...init, signal: abort.signal }));
  } finally {
    clearTimeout(timer);
  }
}

const noAnswer = () => ({ status: 0, ok: false, payload: null, data: null, error: { code: 'NETWORK_ERROR' }, retryAfterMs: null });

/**
 * session: the shared session store (js/offline/session.js): `current` (what to present), `load()` (the stored
 * session, which another tab or the worker may have rotated) and `setTokens(pair)`.
 * onSessionRejected(): the server refused the refresh token; the page ends the session, the worker leaves it.
 */
export function createHttpClient({
  session, fetchImpl = (...args) => globalThis.fetch(...args), base = '/api/v1', timeoutMs = REQUEST_TIMEOUT_MS,
  language = () => 'ko', locks = globalThis.navigator?.locks, onSessionRejected = () => {},
}) {
  const token = () => session?.current?.accessToken ?? null;

  async function exchange({ method, path, body, headers }, bearer) {
    const sent = { Accept: 'application/json', 'Accept-Language': language(), ...headers };
    if (bearer) sent.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) sent['Content-Type'] = 'application/json';
    const init = { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) };
    try {
      return await fetchWithin(fetchImpl, base + path, init, timeoutMs, async (response) => {
        let payload;
        try {
          payload = await response.json();
        } catch {
          payload = null;
        }
        return {
          status: response.status,
          ok: response.ok && payload?.ok !== false,
          payload,
          data: payload?.data ?? null,
          error: payload?.error ?? null,
          retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
        };
      });
    } catch {
      return noAnswer();
    }
  }

  // Concurrent 401s in one context share one refresh, and the lock makes the other contexts wait for it: the
  // one that gets the lock second finds the stored pair already rotated and uses it, so a refresh token is
  // presented once (presenting a rotated one again, after the server's leeway, ends every session).
  let refreshing = null;

  /** Resolves true when a pair newer than `presented` is stored, false when the server refused; rejects on no answer. */
  function refresh(presented) {
    const work = async () => {
      const stored = await session.load();
      if (!stored?.refreshToken) return false;
      if (stored.accessToken !== presented) return true;
      const answer = await exchange({ method: 'POST', path: '/auth/refresh', body: { refreshToken: stored.refreshToken } }, null);
      if (answer.status === 0) throw new Error('the refresh had no answer');
      if (!answer.ok || !answer.data?.accessToken) return false;
      await session.setTokens(answer.data);
      return true;
    };
    refreshing ??= (locks?.request ? locks.request(REFRESH_LOCK, work) : work()).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** request: {method, path, body?, headers?, auth = true}. On 401 with a session: one refresh and one retry. */
  async function send(request) {
    const auth = request.auth ?? true;
    const presented = auth ? token() : null;
    const first = await exchange(request, presented);
    if (first.status !== 401 || !auth || !session?.current?.refreshToken) return first;
    // A 401 that answers a token already replaced (its refresh finished while this request was on the wire)
    // needs no refresh of its own: a second one would present the rotated refresh token again.
    if (token() !== presented) return exchange(request, token());
    let renewed;
    try {
      renewed = await refresh(presented);
    } catch {
      // The refresh itself had no answer: the server is unreachable, not the session wrong.
      return noAnswer();
    }
    if (renewed) return exchange(request, token());
    await onSessionRejected();
    return first;
  }

  return { send };
}
