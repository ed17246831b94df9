// What the page remembers: the session (tokens and the signed-in user) in the one session store the service
// worker shares (js/offline/session.js), and the language and device id in localStorage.
import { uuid } from './dom.js';
import { createSessionStore } from './offline/session.js';

const KEYS = { lang: 'rt.lang', device: 'rt.deviceId' };

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function write(key, value) {
  if (value == null) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
}

// Login, refresh, logout, here or in another tab or the worker: the offline engine and the header follow.
const sessions = createSessionStore({ onChange: () => globalThis.dispatchEvent?.(new Event('rt:session-changed')) });

// The one-time move of a session that an older client kept in localStorage (offline/session-upgrade.js, its
// LEGACY_SESSION_KEY): that code is fetched only when such a session is there, not with every start.
function hasLegacySession() {
  try {
    return globalThis.localStorage?.getItem('rt.session') != null;
  } catch {
    return false;
  }
}
if (hasLegacySession()) {
  await import('./offline/session-upgrade.js').then((m) => m.migrateLegacySession(globalThis.localStorage)).catch(() => {});
}
// Every module that reads the session waits for it: the first render already knows who is signed in.
await sessions.load();

export const store = {
  /** {accessToken, refreshToken, user, userId, updatedAt} or null. */
  get session() {
    return sessions.current;
  },
  /** The shared session store itself (for the HTTP client's refresh). */
  sessions,
  /** Each of these shows at once; the promise settles once the change is stored. */
  setTokens: (pair) => sessions.setTokens(pair),
  setUser: (user) => sessions.setUser(user),
  clearSession: () => sessions.clear(),
  get user() {
    return sessions.current?.user ?? null;
  },
  get lang() {
    return read(KEYS.lang);
  },
  set lang(value) {
    write(KEYS.lang, value);
  },
  /** One id per browser profile, so the server lists this browser as one device across logins. */
  get deviceId() {
    let id = read(KEYS.device);
    if (!id) {
      id = uuid();
      write(KEYS.device, id);
    }
    return id;
  },
};
