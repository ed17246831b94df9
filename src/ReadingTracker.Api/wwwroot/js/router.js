// Hash routes: "#/shelf?tab=Reading" → {path: '/shelf', params: {tab: 'Reading'}}.
// Hashes that do not start with "#/" (the skip link's "#app-main") are not routes.

const routes = new Map();
let notFound = null;
let onChange = null;
let shown = null; // the route (path and id) last handed to the listener: the screen on show

/** load() gives the screen module {render, titleKey, requiresAuth?}, or a promise of it (a lazy import). */
export function route(path, load) {
  routes.set(path, load);
}

export function fallback(load) {
  notFound = load;
}

export function current() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, query = ''] = hash.split('?');
  const segments = path.split('/').filter(Boolean);
  return { path: `/${segments[0] ?? ''}`, id: segments[1] ?? null, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** Builds "#/path?x=1" from parts, skipping empty params. */
export function href(path, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export function go(path, params) {
  const target = href(path, params);
  if (location.hash === target) onChange?.();
  else location.hash = target;
}

const routeKey = ({ path, id }) => `${path}/${id ?? ''}`;

/**
 * Replaces the query of the current route without a new history entry; the screen updates itself. Once the
 * address names another screen (a navigation whose hashchange has not run yet), the screen being left keeps
 * out of it: a late answer of its own must not rewrite the next screen's query.
 */
export function replaceParams(params) {
  const where = current();
  if (shown !== null && shown !== routeKey(where)) return;
  const { path, id } = where;
  history.replaceState(null, '', href(id ? `${path}/${id}` : path, params));
}

/** The current route's loader. */
export function resolve() {
  const { path } = current();
  return routes.get(path) ?? notFound;
}

export function start(listener) {
  onChange = () => {
    shown = routeKey(current());
    return listener();
  };
  window.addEventListener('hashchange', () => {
    if (location.hash === '' || location.hash.startsWith('#/')) onChange();
  });
  onChange();
}
