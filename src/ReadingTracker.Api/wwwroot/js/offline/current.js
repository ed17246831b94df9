// The signed-in user's offline engine, for the whole page: started for the user in the session, stopped
// on logout or when another user signs in (each user has their own database).
import { store } from '../store.js';
import { api, request, transport } from '../api.js';
import { mergeShelf, LIST_PAGE } from '../paged.js';
import { lang } from '../i18n.js';
import { toast, countToast } from '../ui/toast.js';
import { startOfflineClient } from './offline-client.js';
import { offlineText } from './labels.js';
import { ensurePersistentStorage } from './storage.js';

let client = null;
let owner = null;
let network = { online: navigator.onLine, serverReachable: null, searchAvailable: null };

const emit = (name, detail) => window.dispatchEvent(new CustomEvent(name, { detail }));

function notify(kind, data) {
  const words = offlineText(lang());
  if (kind === 'changed') emit('rt:memos-changed');
  else if (kind === 'progress') emit('rt:sync-progress');
  // Memos synced by several passes add up in one toast ("5 memos synced"); a failure count replaces the one
  // showing (a memo retried and refused again is still one memo).
  else if (kind === 'synced') countToast('memos-synced', data.count, (n) => offlineText(lang()).synced_n(n), 'success');
  else if (kind === 'failed') toast(words.failed_n(data.count), 'error', { key: 'memos-failed' });
  else if (kind === 'shelfFailed') toast(words.shelfFailed_n(data.count), 'error', { key: 'shelf-failed' });
  else if (kind === 'tagFailed') toast(words.tagFailed_n(data.count), 'error', { key: 'tag-failed' });
  else if (kind === 'auth') toast(words.authRequired, 'error');
  else if (kind === 'network') {
    // Book search's state is the search screen's business (search.js reads networkState()); no toast here.
    network = data;
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
  client = startOfflineClient({ userId, request, transport, notify });
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

// Login, refresh, logout (here, in another tab or in the worker): a different user gets their own engine, and
// nobody's engine runs without a session. The session store already holds what the worker reads.
window.addEventListener('rt:session-changed', () => {
  if (!store.session) stopOffline();
  else if (client && owner !== store.user?.id) offline();
});
