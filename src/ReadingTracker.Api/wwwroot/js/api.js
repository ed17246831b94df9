// The page's face of the one HTTP client (js/offline/transport.js, which the service worker uses too): the
// signed-in session and the reader's language go in, and every failure comes out in one shape, ApiError
// {status, code, message, fields, retryAfterMs}. A refresh the server refuses ends the session here.
import { store } from './store.js';
import { lang, t } from './i18n.js';
import { readAllPages } from './paged.js';
import { createHttpClient } from './offline/transport.js';

export class ApiError extends Error {
  constructor({ status, code, message, fields = [], retryAfterMs = null }) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterMs = retryAfterMs;
  }

  /** The reason for one field, if the server named it. */
  field(name) {
    return this.fields.find((f) => f.name === name)?.reason ?? null;
  }
}

const client = createHttpClient({
  session: store.sessions,
  language: lang,
  onSessionRejected: () => {
    store.clearSession();
    window.dispatchEvent(new CustomEvent('rt:session-ended'));
  },
});

/** A failed answer's error as the reader reads it: the server's code and message, or ours. */
function describe(answer) {
  const error = answer.error ?? {};
  if (answer.status === 0) return { code: 'NETWORK_ERROR', message: t('error.network'), fields: [] };
  return {
    code: error.code ?? `HTTP_${answer.status}`,
    message: error.message ?? t('error.generic'),
    fields: Array.isArray(error.fields) ? error.fields : [],
  };
}

/** A request; resolves with the answer's data (the whole envelope with `envelope`), rejects with an ApiError. */
export async function request(method, path, { body, auth = true, headers = {}, envelope = false } = {}) {
  const answer = await client.send({ method, path, body, headers, auth });
  const { payload } = answer;
  if (answer.ok) return envelope || !(payload && 'data' in payload) ? payload : payload.data;
  throw new ApiError({ status: answer.status, retryAfterMs: answer.retryAfterMs, ...describe(answer) });
}

/** The sync engine's transport in the page: the same client, its errors described like the screens' ones. */
export const transport = {
  async send(req) {
    const answer = await client.send(req);
    return answer.ok ? answer : { ...answer, error: describe(answer) };
  },
};

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
