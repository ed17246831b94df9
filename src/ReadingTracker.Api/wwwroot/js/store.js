// The one module that owns localStorage: session tokens, the signed-in user, language and device id.
import { uuid } from './dom.js';

const KEYS = { session: 'rt.session', lang: 'rt.lang', device: 'rt.deviceId' };

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

// The offline engine mirrors the session into IndexedDB for the service worker (js/offline/current.js).
const changed = () => globalThis.dispatchEvent?.(new Event('rt:session-changed'));

export const store = {
  /** {accessToken, refreshToken, user} or null. */
  get session() {
    return read(KEYS.session);
  },
  setTokens({ accessToken, refreshToken }) {
    write(KEYS.session, { ...(read(KEYS.session) ?? {}), accessToken, refreshToken, tokensAt: Date.now() });
    changed();
  },
  setUser(user) {
    const session = read(KEYS.session);
    if (session) write(KEYS.session, { ...session, user });
    changed();
  },
  get user() {
    return read(KEYS.session)?.user ?? null;
  },
  clearSession() {
    write(KEYS.session, null);
    changed();
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
