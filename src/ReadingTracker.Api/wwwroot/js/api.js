// The one module that owns fetch: base path, bearer token, Accept-Language, one refresh on 401 and a
// retry, and every failure turned into one shape: ApiError {status, code, message, fields, retryAfter}.
import { store } from './store.js';
import { lang, t } from './i18n.js';
import { readAllPages } from './paged.js';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor({ status, code, message, fields = [], retryAfter = null }) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }

  /** The reason for one field, if the server named it. */
  field(name) {
    return this.fields.find((f) => f.name === name)?.reason ?? null;
  }
}

// Concurrent 401s share one refresh, so one rotated token is presented once.
let refreshing = null;

function refreshOnce() {
  refreshing ??= (async () => {
    const refreshToken = store.session?.refreshToken;
    if (!refreshToken) return false;
    try {
      const pair = await send('POST', '/auth/refresh', { body: { refreshToken }, auth: false });
      store.setTokens(pair);
      return true;
    } catch (error) {
      // A network failure keeps the session (the server may come back); a rejection ends it.
      if (error.status === 0) throw error;
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function send(method, path, { body, auth = true, headers = {}, envelope = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', 'Accept-Language': lang(), ...headers } };
  const token = auth ? store.session?.accessToken : null;
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: t('error.network') });
  }
  let payload;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (response.ok && payload?.ok !== false) return envelope || !(payload && 'data' in payload) ? payload : payload.data;
  const error = payload?.error ?? {};
  throw new ApiError({
    status: response.status,
    code: error.code ?? `HTTP_${response.status}`,
    message: error.message ?? t('error.generic'),
    fields: Array.isArray(error.fields) ? error.fields : [],
    retryAfter: response.headers.get('Retry-After'),
  });
}

/** A request; on 401 with a session, one refresh and one retry. A failed refresh ends the session. */
export async function request(method, path, options = {}) {
  const presented = store.session?.accessToken;
  try {
    return await send(method, path, options);
  } catch (error) {
    const auth = options.auth ?? true;
    if (!(error instanceof ApiError) || error.status !== 401 || !auth || !store.session?.refreshToken) throw error;
    // A 401 that answers a token already replaced (its refresh finished while this request was on the wire)
    // needs no refresh of its own: a second one would present the rotated refresh token again.
    if (store.session.accessToken !== presented) return send(method, path, options);
    if (await refreshOnce()) return send(method, path, options);
    store.clearSession();
    window.dispatchEvent(new CustomEvent('rt:session-ended'));
    throw error;
  }
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
  del: (path, options) => request('DELETE', path, options),
  /** Every page of a paged list as one answer (see paged.js). */
  all: (path, merge, limit) => readAllPages((url) => request('GET', url, { envelope: true }), path, merge, limit),
};

/** Query string from an object, skipping empty values. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
