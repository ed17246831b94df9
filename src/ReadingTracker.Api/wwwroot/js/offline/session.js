// The session both the page and the service worker can read: the page writes it on login and refresh and
// clears it on logout; the service worker reads it to sync with the user's own token (the earlier worker
// replayed requests without Authorization, original-system.md §10.2). Changes are announced on a
// BroadcastChannel so every tab and the worker adopt a pair that another one rotated.
import { sessionDatabase } from './db.js';

const KEY = 'current';
export const SESSION_CHANNEL = 'rt-session';

let database = null;
function db(factory) {
  if (!database || (factory && database.factory !== factory)) database = sessionDatabase(factory);
  return database;
}

/** {userId, accessToken, refreshToken, deviceId, updatedAt} or null. */
export async function readSession(factory) {
  const row = await db(factory).read(['session'], (t) => t.get('session', KEY));
  return row ?? null;
}

export async function writeSession(session, { now = Date.now, factory, announce = true } = {}) {
  const row = { ...session, key: KEY, updatedAt: now() };
  await db(factory).write(['session'], (t) => t.put('session', row));
  if (announce) broadcast({ type: 'session', session: row });
  return row;
}

export async function clearSession({ factory, announce = true } = {}) {
  await db(factory).write(['session'], (t) => t.delete('session', KEY));
  if (announce) broadcast({ type: 'session', session: null });
}

function broadcast(message) {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

// Concurrent 401s in one context share one refresh, so a rotated token is presented once.
let refreshing = null;

/**
 * Trades the stored refresh token for a new pair (POST /auth/refresh) and stores it. Resolves true on a
 * new pair, false when the server rejected the token; a network failure rejects (the session is kept).
 */
export function refreshSession({ fetchImpl = globalThis.fetch, base = '/api/v1', factory, now = Date.now } = {}) {
  refreshing ??= (async () => {
    const session = await readSession(factory);
    if (!session?.refreshToken) return false;
    const response = await fetchImpl(`${base}/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!response.ok) return false;
    const payload = await response.json();
    const pair = payload?.data ?? payload;
    if (!pair?.accessToken) return false;
    await writeSession({ ...session, accessToken: pair.accessToken, refreshToken: pair.refreshToken }, { now, factory });
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}
