// The signed-in user's offline engine, for the whole page: started for the user in the session, stopped
// on logout or when another user signs in (each user has their own database). Also keeps the shared
// session store (read by the service worker) in step with the page's tokens.
import { store } from '../store.js';
import { api, request } from '../api.js';
import { mergeShelf, LIST_PAGE } from '../paged.js';
import { lang } from '../i18n.js';
import { toast } from '../ui/toast.js';
import { startOfflineClient } from './offline-client.js';
import { offlineText } from './labels.js';
import { writeSession, clearSession, readSession, SESSION_CHANNEL } from './session.js';
import { ensurePersistentStorage } from './storage.js';

let client = null;
let owner = null;
let network = { online: navigator.onLine, serverReachable: null, searchAvailable: null };

const emit = (name, detail) => window.dispatchEvent(new CustomEvent(name, { detail }));

function notify(kind, data) {
  const words = offlineText(lang());
  if (kind === 'changed') emit('rt:memos-changed');
  else if (kind === 'progress') emit('rt:sync-progress');
  else if (kind === 'synced') toast(words.synced_n(data.count), 'success');
  else if (kind === 'failed') toast(words.failed_n(data.count), 'error');
  else if (kind === 'auth') toast(words.authRequired, 'error');
  else if (kind === 'network') {
    const before = network;
    network = data;
    if (data.searchAvailable === false && before.searchAvailable !== false) toast(words.searchLimited, 'error');
    emit('rt:network', data);
  }
}

/** The offline client of the signed-in user, or null when nobody is signed in. */
export function offline() {
  const userId = store.user?.id;
  if (userId == null || !store.session) {
    stopOffline();
    return null;
  }
  if (client && owner === userId) return client;
  stopOffline();
  owner = userId;
  client = startOfflineClient({ userId, request, notify });
  mirrorSession();
  ensurePersistentStorage().catch(() => {});
  return client;
}

export function stopOffline() {
  client?.stop();
  client = null;
  owner = null;
}

export const networkState = () => network;

/** A GET of the signed-in user's data, answered from their last cached copy when the server is out of reach. */
export async function cachedGet(path, fetcher = () => api.get(path)) {
  const c = offline();
  if (!c) return { data: await fetcher(), offline: false };
  return c.repository.cachedRead(path, fetcher);
}

/** The whole shelf (or one tab of it), every page, cached as one answer. */
export const cachedShelf = (path = '/user/books') => cachedGet(path, () => api.all(path, mergeShelf, LIST_PAGE));

/** Copies the page's tokens into the shared store the service worker reads. */
export function mirrorSession() {
  const session = store.session;
  if (!session?.accessToken || store.user?.id == null) return Promise.resolve();
  return writeSession({ userId: store.user.id, accessToken: session.accessToken, refreshToken: session.refreshToken }).catch(() => {});
}

/** Logout: the worker must not send anything with the old tokens any more. The user's memos stay queued. */
export function endSession() {
  stopOffline();
  return clearSession().catch(() => {});
}

/**
 * Tokens the worker rotated while this page was closed (or open): adopt them, so this page never presents a
 * refresh token that was already rotated (after the leeway the server would treat it as theft).
 */
export async function adoptWorkerTokens() {
  const shared = await readSession().catch(() => null);
  const mine = store.session;
  if (!shared || !mine || shared.userId !== store.user?.id || shared.refreshToken === mine.refreshToken) return;
  if ((shared.updatedAt ?? 0) > (mine.tokensAt ?? 0)) store.setTokens(shared);
}

// Login, refresh, logout: the shared store follows, and a different user gets their own engine.
window.addEventListener('rt:session-changed', () => {
  if (!store.session) {
    endSession();
    return;
  }
  mirrorSession();
  if (client && owner !== store.user?.id) offline();
});

if (typeof BroadcastChannel !== 'undefined') {
  new BroadcastChannel(SESSION_CHANNEL).onmessage = (event) => {
    const shared = event.data?.session;
    if (shared && shared.userId === store.user?.id && shared.refreshToken !== store.session?.refreshToken) store.setTokens(shared);
  };
}
