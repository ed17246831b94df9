// How the sync engine talks to the server. The engine only sees {status, data, error, retryAfterMs}
// (status 0 = no answer), so it can be tested with a fake; this file is the real one, used by the service
// worker (and by the page when it has no api.js of its own to adapt). It never invents an answer.

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * A transport over fetch with the stored session's bearer token. On 401 it refreshes once and retries;
 * if that fails too the 401 is returned and the engine leaves the item pending.
 */
export function createFetchTransport({
  fetchImpl = (...args) => globalThis.fetch(...args), getSession, refresh, base = '/api/v1', timeoutMs = 30000, language = () => 'ko',
}) {
  async function once(request) {
    const session = await getSession();
    const presented = session?.accessToken ?? null;
    const headers = { Accept: 'application/json', 'Accept-Language': language(), ...request.headers };
    if (session?.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const response = await fetchImpl(base + request.path, {
        method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body), signal: abort.signal,
      });
      let payload;
      try {
        payload = await response.json();
      } catch {
        payload = null;
      }
      return {
        presented,
        status: response.status,
        data: payload?.data ?? null,
        error: payload?.error ?? null,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
      };
    } catch {
      return { status: 0, data: null, error: { code: 'NETWORK_ERROR' }, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async send(request) {
      const first = await once(request);
      if (first.status !== 401 || !refresh) return strip(first);
      // Another request's refresh already replaced the token this one presented: retry, don't refresh again.
      if (((await getSession())?.accessToken ?? null) !== first.presented) return strip(await once(request));
      let renewed;
      try {
        renewed = await refresh();
      } catch {
        // The refresh itself had no answer: the server is unreachable, not the session wrong.
        return { status: 0, data: null, error: { code: 'NETWORK_ERROR' }, retryAfterMs: null };
      }
      return strip(renewed ? await once(request) : first);
    },
  };
}

/** The engine's view of an answer, without the token it was sent with. */
function strip(answer) {
  const view = { ...answer };
  delete view.presented;
  return view;
}
