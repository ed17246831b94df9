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
import { offlineText, waitingParts, waitingReason } from '../offline/labels.js';
import { toast } from './toast.js';

let counts = null;

function render() {
  const line = document.getElementById('net-status');
  if (!line) return;
  const net = networkState();
  const waiting = counts ? waitingParts(counts, lang()) : [];
  if (!store.session || waiting.length === 0) {
    line.hidden = true;
    line.textContent = '';
    return;
  }
  const reason = waitingReason(net, counts, lang());
  line.textContent = `⏳ ${[...waiting, reason].filter(Boolean).join(' · ')}`;
  line.hidden = false;
  line.dataset.state = net.online === false ? 'offline' : net.serverReachable === false ? 'unreachable' : 'online';
}

let counting = null;
let countAgain = false;

/**
 * One count at a time; asked during one, it counts once more after it. A bulk sync asks after every batch, and the
 * count's reads would otherwise queue up between the sync's own writes.
 */
function recount() {
  if (counting) {
    countAgain = true;
    return counting;
  }
  counting = (async () => {
    do {
      countAgain = false;
      const c = offline();
      counts = c ? await c.counts().catch(() => null) : null;
      render();
    } while (countAgain);
  })().finally(() => {
    counting = null;
    if (countAgain) recount(); // asked between the last count and this line
  });
  return counting;
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
