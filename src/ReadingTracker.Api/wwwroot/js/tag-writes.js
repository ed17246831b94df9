// The own-tag write path, offline-first (ADR-013), loaded on the first tag write: every change of an own tag is saved
// in the user's IndexedDB and queued (js/offline/tag-queue.js), then the sync engine sends it, at once when the server
// is in reach. Online, the screen waits briefly for the answer, so it shows the server's message (a refusal goes back
// to the form and the change is dropped); offline it is "saved on this device" at once, the list shows the change,
// and it reaches the server later, exactly once.
import { ApiError } from './api.js';
import { t, lang } from './i18n.js';
import { SCREEN_WAIT_MS } from './offline/sync-policy.js';
import { Q } from './offline/sync-queue.js';
import { queueTagChange, retryTag, discardTag } from './offline/tag-queue.js';

const env = { now: Date.now, uuid: () => crypto.randomUUID() };
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Waits (briefly) for a queued change's answer; unreachable or out of time → at once, still queued. */
async function settleItem(c, seq) {
  const deadline = Date.now() + SCREEN_WAIT_MS;
  for (;;) {
    const item = await c.db.read(['queue'], (tx) => tx.get('queue', seq));
    if (!item || item.status === Q.SUCCESS || item.status === Q.FAILED) return item;
    if (Date.now() >= deadline || c.monitor.state.serverReachable === false || navigator.onLine === false) return item;
    await sleep(40);
  }
}

/**
 * One own-tag change ({op, code, body, into, name, category}, as tag-queue.js takes it) through the queue. Resolves
 * with the server's answer (the tag), or, while the server is out of reach, with {queued: true, code} (a create's
 * temporary code). A refusal is thrown like the API's, and the change is dropped.
 */
export async function writeTagChange(c, change) {
  const item = await queueTagChange(c.db, { ...change, language: lang() }, env);
  c.tagWritten();
  if (!item) return { queued: false, local: true };
  const settled = await settleItem(c, item.seq);
  if (settled?.status === Q.SUCCESS) return { ...(settled.result ?? {}), queued: false };
  if (settled?.status === Q.FAILED) {
    await discardTag(c.db, settled.localId);
    c.tagWritten();
    const error = settled.error ?? {};
    throw new ApiError({ status: error.status ?? 400, code: error.code ?? 'REJECTED', message: error.message ?? t('tagsOffline.failed'), fields: error.fields ?? [] });
  }
  return { queued: true, code: item.data.code };
}

/** The reader's answer to a tag's refused change: again (with a new key), or dropped. */
export async function retryTagChange(c, group) {
  await retryTag(c.db, group, env);
  c.tagWritten();
}

export async function discardTagChange(c, group) {
  await discardTag(c.db, group);
  c.tagWritten();
}
