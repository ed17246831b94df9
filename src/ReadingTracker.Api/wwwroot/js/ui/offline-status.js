// The offline shell of the page: registers the service worker (and offers its updates), starts the signed-in
// user's sync engine, and keeps one status line under the header: offline / server unreachable / search
// limited / memos waiting to sync. Toasts with counts come from js/offline/current.js.
import { h } from '../dom.js';
import { lang } from '../i18n.js';
import { store } from '../store.js';
import { offline, networkState } from '../offline/current.js';
import { registerServiceWorker } from '../offline/offline-client.js';
import { offlineText } from '../offline/labels.js';

let waiting = 0;

function render() {
  const line = document.getElementById('net-status');
  if (!line) return;
  const words = offlineText(lang());
  const net = networkState();
  const parts = [];
  if (!store.session) {
    line.hidden = true;
    return;
  }
  if (net.online === false) parts.push(words.offline);
  else if (net.serverReachable === false) parts.push(words.unreachable);
  else if (net.searchAvailable === false) parts.push(words.searchLimited);
  if (waiting > 0) parts.push(`⏳ ${words.pendingCount(waiting)}`);
  line.textContent = parts.join(' · ');
  line.hidden = parts.length === 0;
  line.dataset.state = net.online === false ? 'offline' : net.serverReachable === false ? 'unreachable' : 'online';
}

async function recount() {
  const c = offline();
  if (!c) {
    waiting = 0;
  } else {
    const counts = await c.counts().catch(() => null);
    waiting = counts ? counts.PENDING + counts.WAITING + counts.SYNCING : 0;
  }
  render();
}

function offerUpdate(apply) {
  const words = offlineText(lang());
  const region = document.getElementById('toasts');
  const button = h('button', { type: 'button', class: 'btn-primary btn-small', onClick: () => apply() }, words.updateNow);
  region.append(h('div', { class: 'toast toast-info update-prompt' }, words.update, ' ', button));
}

export function startOfflineShell() {
  registerServiceWorker({ onUpdate: offerUpdate }).catch(() => {});
  if (store.session && offline()) recount();
  window.addEventListener('rt:session-changed', () => {
    if (store.session && store.user?.id != null) offline();
    recount();
  });
  window.addEventListener('rt:memos-changed', recount);
  window.addEventListener('rt:sync-progress', recount);
  window.addEventListener('rt:network', render);
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
}
