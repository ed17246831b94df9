// The reader's own tags, beside the built-in catalogue: GET /tags lists them (builtIn: false, `name` as typed,
// a server-made code such as "u123") when a session is present. Kept here for the page so every tag chip can
// show an own tag by its name (tags.js asks ownTag()); a server without own tags (404, or no such entries)
// simply leaves the list empty. The last list is remembered per user in localStorage, so names show at once
// (and offline) before the fresh list arrives. Writes go to /tags/mine and reload the list; 'rt:tags-changed'
// tells screens.
import { api, request } from './api.js';
import { store } from './store.js';

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
    localStorage.setItem(memoryKey(), JSON.stringify([...own.values()]));
  } catch {
    // Storage full or denied: the list is still right for this page.
  }
}

let own = store.session ? remembered() : new Map();
let loading = null;

const changed = () => window.dispatchEvent(new CustomEvent('rt:tags-changed'));

/** The own tag with this code ({code, name, category}), or null (a built-in code, or not loaded yet). */
export const ownTag = (code) => own.get(code) ?? null;

/** The reader's own tags of a category (or all), in the server's order. */
export const ownTags = (category) => [...own.values()].filter((tag) => !category || tag.category === category);

/** Loads (once, or again with `force`) the reader's own tags; resolves with them. Never rejects. */
export function loadOwnTags({ force = false } = {}) {
  if (!store.session) {
    own = new Map();
    return Promise.resolve([]);
  }
  if (loading && !force) return loading;
  loading = api.get('/tags')
    .then((tags) => {
      const mine = (Array.isArray(tags) ? tags : []).filter((tag) => tag.builtIn === false && tag.code && tag.name);
      own = new Map(mine.map((tag) => [tag.code, { code: tag.code, name: tag.name, category: tag.category }]));
      remember();
      changed();
      return ownTags();
    })
    .catch(() => {
      loading = null;
      return ownTags();
    });
  return loading;
}

async function write(call) {
  const answer = await call();
  await loadOwnTags({ force: true });
  return answer;
}

/** The own-tag writes of the contract; each rejects with the server's ApiError (409 duplicate, 400 name…). */
export const ownTagWrites = {
  create: (name, category) => write(() => api.post('/tags/mine', { name, category })),
  update: (code, change) => write(() => request('PATCH', `/tags/mine/${encodeURIComponent(code)}`, { body: change })),
  merge: (code, into) => write(() => api.post(`/tags/mine/${encodeURIComponent(code)}/merge`, { into })),
  remove: (code) => write(() => api.del(`/tags/mine/${encodeURIComponent(code)}`)),
};

window.addEventListener('rt:session-changed', () => {
  own = store.session ? remembered() : new Map();
  loading = null;
  if (store.session) loadOwnTags();
});

// A fresh list behind the first render (the remembered one shows meanwhile).
if (store.session) loadOwnTags();
