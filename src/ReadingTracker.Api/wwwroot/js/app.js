// Entry point: routes, the header, session restore, and one render per route change.
import { route, fallback, start, current, resolve, go } from './router.js';
import { store } from './store.js';
import { api } from './api.js';
import { t, applyLanguage } from './i18n.js';
import { renderHeader } from './ui/header.js';
import { toast } from './ui/toast.js';
import * as home from './ui/home.js';
import * as login from './ui/login.js';
import * as signup from './ui/signup.js';
import * as recover from './ui/recover.js';
import * as search from './ui/search.js';
import * as addManual from './ui/add-manual.js';
import * as book from './ui/book.js';
import * as shelf from './ui/shelf.js';
import * as flow from './ui/flow.js';
import * as profile from './ui/profile.js';
import * as notFound from './ui/not-found.js';
import { startOfflineShell } from './ui/offline-status.js';

route('/', home);
route('/login', login);
route('/signup', signup);
route('/recover', recover);
route('/search', search);
route('/add', addManual);
route('/book', book);
route('/shelf', shelf);
route('/flow', flow);
route('/profile', profile);
fallback(notFound);

const main = document.getElementById('app-main');
let generation = 0;
let first = true;

export async function render() {
  const screen = resolve();
  const where = current();
  if (screen.requiresAuth?.(where) && !store.session) {
    go('/login', { next: location.hash });
    return;
  }
  const mine = ++generation;
  renderHeader(render);
  main.replaceChildren();
  document.title = `${t(screen.titleKey)} · Reading Tracker`;
  try {
    await screen.render(main, where, { isCurrent: () => mine === generation });
  } catch (error) {
    if (mine !== generation) return;
    main.replaceChildren();
    notFound.renderError(main, error);
  }
  if (mine !== generation) return;
  // Focus the screen's heading on navigation so keyboard and screen-reader users start at the top.
  if (!first) main.querySelector('h1')?.focus();
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
