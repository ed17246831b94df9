// The one session store: the signed-in reader's tokens and profile, in IndexedDB, because the service worker
// syncs with the reader's own token and a worker cannot read localStorage. The page and the worker each hold
// a copy in memory (`current`, read synchronously by the screens) that follows the stored row: every change is
// announced on a BroadcastChannel, so every tab and the worker adopt a pair that another one rotated.
import { sessionDatabase } from './db.js';

const KEY = 'current';
export const SESSION_CHANNEL = 'rt-session';

let database = null;
function db(factory) {
  if (!database || (factory && database.factory !== factory)) database = sessionDatabase(factory);
  return database;
}

/** {userId, user, accessToken, refreshToken, updatedAt} or null. */
export async function readSession(factory) {
  const row = await db(factory).read(['session'], (t) => t.get('session', KEY));
  return row ?? null;
}

/**
 * Applies `patch` to the stored session in one transaction and returns the stored row: a change of one part
 * (the profile, say) never writes back tokens that another context rotated meanwhile. Without a stored session
 * the patch starts one only when `create` is set; `replace` drops what was stored. A null patch removes it.
 */
export async function patchSession(patch, {
  factory, now = Date.now, create = true, replace = false, announce = true, from = null, channel = SESSION_CHANNEL,
} = {}) {
  const row = await db(factory).write(['session'], async (t) => {
    if (patch === null) {
      await t.delete('session', KEY);
      return null;
    }
    const stored = await t.get('session', KEY);
    if (!stored && !create) return null;
    const next = { ...(replace ? {} : stored), ...patch, key: KEY, updatedAt: now() };
    if (next.user?.id != null) next.userId = next.user.id;
    await t.put('session', next);
    return next;
  });
  if (announce) broadcast(channel, { type: 'session', session: row, from });
  return row;
}

function broadcast(name, message) {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(name);
  channel.postMessage(message);
  channel.close();
}

const same = (a, b) => (a?.accessToken ?? null) === (b?.accessToken ?? null) && (a?.refreshToken ?? null) === (b?.refreshToken ?? null)
  && (a?.userId ?? null) === (b?.userId ?? null) && JSON.stringify(a?.user ?? null) === JSON.stringify(b?.user ?? null);

/**
 * The session of one context (a page or the worker): `current` synchronously, changes written through to
 * IndexedDB in call order, other contexts' changes adopted as they are announced. onChange() after each change.
 */
export function createSessionStore({ factory, now = Date.now, onChange = () => {}, channel: name = SESSION_CHANNEL } = {}) {
  const self = `${now()}-${Math.random().toString(36).slice(2)}`;
  let current = null;
  let writes = Promise.resolve();
  let pending = 0;

  function adopt(row) {
    const next = row ?? null;
    if (same(current, next)) {
      current = next;
      return;
    }
    current = next;
    onChange(current);
  }

  /** The change shows at once; the returned promise settles once it is stored. */
  function change(patch, { create = true } = {}) {
    if (patch === null) adopt(null);
    else if (current || create) adopt({ ...(current ?? {}), ...patch, ...(patch.user?.id != null ? { userId: patch.user.id } : {}) });
    else onChange(current);
    pending += 1;
    const stored = writes.then(() => patchSession(patch, { factory, now, create, from: self, channel: name }));
    // The stored row is adopted (it may carry what another context wrote) unless a later change is on its way.
    // Without IndexedDB (a blocked or private profile, say) the session lasts as long as this context.
    writes = stored.then((row) => {
      pending -= 1;
      if (pending === 0) adopt(row);
    }, () => {
      pending -= 1;
    });
    return writes;
  }

  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
  if (channel) {
    channel.onmessage = (event) => {
      if (event.data?.type !== 'session' || event.data.from === self) return;
      // An older page writes tokens without the profile: the one known for the same reader stays.
      const row = event.data.session;
      adopt(row && current && !row.user && row.userId === current.userId ? { ...row, user: current.user } : row);
    };
  }

  return {
    /** {userId, user, accessToken, refreshToken, updatedAt} or null. */
    get current() {
      return current;
    },
    /** Reads the stored session (after this context's own writes) and adopts it. */
    async load() {
      await writes;
      try {
        adopt(await readSession(factory));
      } catch {
        // No IndexedDB: what this context holds is all there is.
      }
      return current;
    },
    setTokens: ({ accessToken, refreshToken }) => change({ accessToken, refreshToken }),
    setUser: (user) => change({ user }, { create: false }),
    clear: () => change(null),
    close: () => channel?.close(),
  };
}
