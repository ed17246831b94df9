// Entry point: routes, the header, session restore, and one render per route change.
import { route, fallback, start, current, resolve, go } from './router.js';
import { store } from './store.js';
import { api } from './api.js';
import { t, applyLanguage } from './i18n.js';
import { renderHeader } from './ui/header.js';
import { toast } from './ui/toast.js';
import * as home from './ui/home.js';
import * as login from './ui/login.js';
import * as notFound from './ui/not-found.js';
import { startOfflineShell } from './ui/offline-status.js';
// client-flow: the phone's floating "write" button.
import { updateWriteButton } from './ui/write-fab.js';

// The entry screens come with the shell; every other screen is fetched when it is first visited (the service
// worker keeps them all for offline use), so the first paint loads only what it shows.
route('/', () => home);
route('/login', () => login);
route('/signup', () => import('./ui/signup.js'));
route('/recover', () => import('./ui/recover.js'));
route('/reset', () => import('./ui/reset.js'));
route('/search', () => import('./ui/search.js'));
route('/add', () => import('./ui/add-manual.js'));
route('/book', () => import('./ui/book.js'));
route('/shelf', () => import('./ui/shelf.js'));
route('/flow', () => import('./ui/flow.js'));
route('/profile', () => import('./ui/profile.js'));
// Issue 13, client-status slice: the reader's own tags and one tag across all days.
route('/tags', () => import('./ui/tags-screen.js'));
route('/tag', () => import('./ui/tags-page.js'));
// Issue 16, stats slice: a year of reading.
route('/stats', () => import('./ui/stats.js'));
// Issue 16, search slice: the reader's own memos, from the header's search box.
route('/find', () => import('./ui/memo-search.js'));
fallback(() => notFound);

const main = document.getElementById('app-main');
let generation = 0;
let first = true;

export async function render() {
  const mine = ++generation;
  const where = current();
  let screen;
  try {
    screen = await resolve()();
  } catch (error) {
    // The screen's module could not be fetched (offline before the service worker had stored it).
    if (mine !== generation) return;
    renderHeader(render);
    main.replaceChildren();
    notFound.renderError(main, error);
    return;
  }
  if (mine !== generation) return;
  if (screen.requiresAuth?.(where) && !store.session) {
    go('/login', { next: location.hash });
    return;
  }
  renderHeader(render);
  updateWriteButton(where); // client-flow
  main.replaceChildren();
  document.title = `${t(screen.titleKey)} · Reading Tracker`;
  const focusedBefore = document.activeElement;
  try {
    await screen.render(main, where, { isCurrent: () => mine === generation });
  } catch (error) {
    if (mine !== generation) return;
    main.replaceChildren();
    notFound.renderError(main, error);
  }
  if (mine !== generation) return;
  // Focus the screen's heading on navigation so keyboard and screen-reader users start at the top — unless the reader
  // already moved on in the new screen while it was still loading (opened the composer, say).
  const active = document.activeElement;
  const movedOn = active && active !== focusedBefore && active !== document.body && main.contains(active);
  if (!first && !movedOn) main.querySelector('h1')?.focus();
  first = false;
}

window.addEventListener('rt:session-ended', () => {
  toast(t('auth.sessionEnded'), 'error');
  go('/login', { next: location.hash });
});

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

applyLanguage();
start(render);

// Restore the session: refresh the user (time zone, name) behind the first render.
if (store.session) {
  api.get('/users/me').then((user) => store.setUser(user)).catch(() => {});
}

// Offline: service worker (app shell, update prompt), the user's sync engine, network and sync status.
startOfflineShell();
