// The reader's own tags, beside the built-in catalogue: GET /tags lists them (builtIn: false, `name` as typed,
// a server-made code such as "u123") when a session is present. Kept here for the page so every tag chip can
// show an own tag by its name (tags.js asks ownTag()); a server without own tags (404, or no such entries)
// simply leaves the list empty. The last list is remembered per user in localStorage, so names show at once
// (and offline) before the fresh list arrives. Writes go through the offline queue (js/tag-writes.js, loaded on the
// first write) and the list shows this device's queued tag changes on top of the server's (tag-queue.js, loaded only
// while some wait); 'rt:tags-changed' tells screens.
import { api, request } from './api.js';
import { store } from './store.js';
import { offline } from './offline/current.js';

const memoryKey = () => `rt.ownTags.${store.user?.id ?? store.session?.userId ?? ''}`;

function remembered() {
  try {
    const list = JSON.parse(localStorage.getItem(memoryKey()) ?? '[]');
    return new Map((Array.isArray(list) ? list : []).map((tag) => [tag.code, tag]));
  } catch {
    return new Map();
  }
}

function remember() {
  try {
    localStorage.setItem(memoryKey(), JSON.stringify([...base.values()]));
  } catch {
    // Storage full or denied: the list is still right for this page.
  }
}

// The server's list (or the remembered one) and what shows: that list with the queued changes on top.
let base = store.session ? remembered() : new Map();
let listedAt = 0;
let own = base;
let loading = null;

const changed = () => window.dispatchEvent(new CustomEvent('rt:tags-changed'));

/** The own tag with this code ({code, name, category}), or null (a built-in code, or not loaded yet). */
export const ownTag = (code) => own.get(code) ?? null;

/** The reader's own tags of a category (or all), in the server's order. */
export const ownTags = (category) => [...own.values()].filter((tag) => !category || tag.category === category);

/** This device's tag changes (queued or just sent) put on the list; resolves with the tags shown. Never rejects. */
export async function refreshQueued() {
  let items = [];
  try {
    items = (await offline()?.db.read(['queue'], (t) => t.allWithPrefix('queue', 'localId', 'tag-'))) ?? [];
  } catch {
    // No database (private mode…): the server's list alone.
  }
  const before = own;
  if (items.length === 0) {
    own = base;
  } else {
    const { overlayTags } = await import('./offline/tag-queue.js');
    own = new Map(overlayTags([...base.values()], items, { listedAt }).map((tag) => [tag.code, tag]));
  }
  // Screens are told only when what shows changed (this runs after every sync pass).
  if (own !== before && JSON.stringify([...own.values()]) !== JSON.stringify([...before.values()])) changed();
  return ownTags();
}

/** Loads (once, or again with `force`) the reader's own tags; resolves with them. Never rejects. */
export function loadOwnTags({ force = false } = {}) {
  if (!store.session) {
    base = new Map();
    own = base;
    return Promise.resolve([]);
  }
  if (loading && !force) return loading;
  const asked = Date.now();
  loading = api.get('/tags')
    .then((tags) => {
      const mine = (Array.isArray(tags) ? tags : []).filter((tag) => tag.builtIn === false && tag.code && tag.name);
      base = new Map(mine.map((tag) => [tag.code, { code: tag.code, name: tag.name, category: tag.category }]));
      listedAt = asked;
      remember();
      return refreshQueued();
    })
    .catch(() => {
      loading = null;
      return refreshQueued();
    });
  return loading;
}

/** One change: through the offline queue when the reader has one, else straight to the API. */
async function write(change, call) {
  const c = offline();
  let answer;
  if (c) {
    const { writeTagChange } = await import('./tag-writes.js');
    answer = await writeTagChange(c, change);
  } else {
    answer = await call();
  }
  await loadOwnTags({ force: true });
  return answer;
}

/** The tag as shown now (for a refused change's display once it is gone). */
const seen = (code) => ({ name: own.get(code)?.name ?? null, category: own.get(code)?.category ?? null });

/**
 * The own-tag writes of the contract; each rejects with the server's ApiError (409 duplicate, 400 name…). Offline, each
 * resolves at once with {queued: true} (a create with its temporary `code`).
 */
export const ownTagWrites = {
  create: (name, category) => write({ op: 'CREATE', body: { name, category } }, () => api.post('/tags/mine', { name, category })),
  update: (code, change) => write({ op: 'EDIT', code, body: change, ...seen(code) },
    () => request('PATCH', `/tags/mine/${encodeURIComponent(code)}`, { body: change })),
  merge: (code, into) => write({ op: 'MERGE', code, into, ...seen(code) }, () => api.post(`/tags/mine/${encodeURIComponent(code)}/merge`, { into })),
  remove: (code) => write({ op: 'DELETE', code, ...seen(code) }, () => api.del(`/tags/mine/${encodeURIComponent(code)}`)),
};

/** The reader's retry or discard of a tag's refused change (its queue group). */
export async function answerRefusal(group, retry) {
  const c = offline();
  if (!c) return;
  const { retryTagChange, discardTagChange } = await import('./tag-writes.js');
  await (retry ? retryTagChange(c, group) : discardTagChange(c, group));
  await refreshQueued();
}

window.addEventListener('rt:session-changed', () => {
  base = store.session ? remembered() : new Map();
  own = base;
  listedAt = 0;
  loading = null;
  if (store.session) loadOwnTags();
});

// A fresh list behind the first render (the remembered one shows meanwhile). After a sync pass (or a write in another
// tab), the queued changes are read again: one sent may have become the server's.
if (store.session) loadOwnTags();
let synced = null;
window.addEventListener('rt:memos-changed', () => {
  if (!store.session) return;
  clearTimeout(synced);
  synced = setTimeout(() => (hasQueued() ? loadOwnTags({ force: true }) : refreshQueued()), 100);
});
const hasQueued = () => [...own.values()].some((tag) => tag.offlineState?.state === 'pending');
