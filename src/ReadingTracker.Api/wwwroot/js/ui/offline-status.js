// The offline shell of the page: registers the service worker (and offers its updates), starts the signed-in
// user's sync engine, and keeps one status line under the header while memos wait to be sent: how many, and
// why (offline / server unreachable). Nothing waiting, nothing shown: a reader who is not writing is not told
// about the network, and book search's state shows on the search screen only. Toasts with counts come from
// js/offline/current.js.
import { h } from '../dom.js';
import { lang } from '../i18n.js';
import { store } from '../store.js';
import { offline, networkState } from '../offline/current.js';
import { registerServiceWorker } from '../offline/offline-client.js';
import { offlineText } from '../offline/labels.js';
import { toast } from './toast.js';

let waiting = 0;

function render() {
  const line = document.getElementById('net-status');
  if (!line) return;
  const words = offlineText(lang());
  const net = networkState();
  if (!store.session || waiting === 0) {
    line.hidden = true;
    line.textContent = '';
    return;
  }
  const parts = [`⏳ ${words.pendingCount(waiting)}`];
  if (net.online === false) parts.push(words.offline);
  else if (net.serverReachable === false) parts.push(words.unreachable);
  line.textContent = parts.join(' · ');
  line.hidden = false;
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
  const button = h('button', { type: 'button', class: 'btn-primary btn-small', onClick: () => apply() }, words.updateNow);
  toast(h('span', { class: 'update-prompt' }, words.update, ' ', button), 'info', { key: 'update', timeout: null });
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
