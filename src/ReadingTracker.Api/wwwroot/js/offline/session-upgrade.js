// The move of a session out of localStorage, where the page kept it before the session store existed: run on
// every start, it does something only the first time a browser that was signed in then loads this client.
import { readSession, patchSession } from './session.js';

/** Where the page kept the session before the move. */
export const LEGACY_SESSION_KEY = 'rt.session';

/**
 * A session that the page kept in localStorage before the move (`{accessToken, refreshToken, user, tokensAt}`)
 * moves into the store, once, so nobody is logged out by the upgrade. The worker may have rotated the pair
 * since (it kept a copy of the tokens in IndexedDB): for the same reader the newer pair wins.
 */
export async function migrateLegacySession(storage, { factory, now = Date.now } = {}) {
  const text = storage?.getItem(LEGACY_SESSION_KEY);
  if (text == null) return;
  let legacy;
  try {
    legacy = JSON.parse(text);
  } catch {
    legacy = null;
  }
  if (legacy?.accessToken && legacy.refreshToken) {
    const shared = await readSession(factory);
    const sameReader = shared != null && legacy.user?.id != null && shared.userId === legacy.user.id;
    const tokens = sameReader && (shared.updatedAt ?? 0) > (legacy.tokensAt ?? 0) ? shared : legacy;
    await patchSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, user: legacy.user ?? null, userId: legacy.user?.id ?? null },
      { factory, now, replace: true, announce: false });
  }
  storage.removeItem(LEGACY_SESSION_KEY);
}
