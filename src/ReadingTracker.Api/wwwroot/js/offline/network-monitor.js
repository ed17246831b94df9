// Is the server reachable, and is book search? (docs/contract.md §8.6) navigator.onLine alone
// cannot say (MDN): on every change and while unreachable, a two-phase check — HEAD /api/v1/health within
// 3 s (memo sync needs only this), then GET /api/v1/health/aladin within 5 s ("search limited" if not).

import { fetchWithin } from './transport.js';

export const CHECK = Object.freeze({ healthTimeoutMs: 3000, searchTimeoutMs: 5000, settleMs: 500, recheckMs: 5000, searchRecheckMs: 30000 });

// Health checks have their own short deadlines: they decide between "reachable" and not, and must not take
// the API's whole request timeout to do it.
async function probe(fetchImpl, url, method, timeoutMs) {
  try {
    return await fetchWithin(fetchImpl, url, { method, cache: 'no-store' }, timeoutMs, (response) => response.ok);
  } catch {
    return false;
  }
}

/**
 * state: {online, serverReachable, searchAvailable, checking}. onChange(state, previous) after each check.
 * The page calls reportUnreachable() when a request had no answer, so a re-check starts at once, and
 * reportReachable() when one was answered, so a "cannot be reached" status does not outlive the outage.
 */
export function createNetworkMonitor({
  fetchImpl = (...args) => globalThis.fetch(...args), target = globalThis, nav = globalThis.navigator, timers = globalThis,
  base = '/api/v1', options = CHECK, onChange = () => {},
}) {
  let state = { online: nav?.onLine ?? true, serverReachable: null, searchAvailable: null, checking: false };
  let recheck = null;
  let pending = null;

  function set(next) {
    const previous = state;
    state = { ...state, ...next };
    onChange(state, previous);
  }

  function schedule(ms) {
    timers.clearTimeout(recheck);
    recheck = timers.setTimeout(() => check(), ms);
  }

  async function run() {
    if (!(nav?.onLine ?? true)) {
      set({ online: false, serverReachable: false, checking: false });
      return state;
    }
    set({ online: true, checking: true });
    const serverReachable = await probe(fetchImpl, `${base}/health`, 'HEAD', options.healthTimeoutMs);
    if (!serverReachable) {
      set({ serverReachable: false, checking: false });
      schedule(options.recheckMs);
      return state;
    }
    // Memo sync needs only phase 1: it starts now, while phase 2 asks about the book provider.
    if (state.serverReachable !== true) set({ serverReachable: true });
    const searchAvailable = await probe(fetchImpl, `${base}/health/aladin`, 'GET', options.searchTimeoutMs);
    set({ serverReachable: true, searchAvailable, checking: false });
    if (!searchAvailable) schedule(options.searchRecheckMs);
    return state;
  }

  /** One check at a time; callers during a check share it. */
  function check() {
    pending ??= run().finally(() => {
      pending = null;
    });
    return pending;
  }

  const onOnline = () => schedule(options.settleMs);
  const onOffline = () => {
    timers.clearTimeout(recheck);
    set({ online: false, serverReachable: false });
  };
  target.addEventListener?.('online', onOnline);
  target.addEventListener?.('offline', onOffline);

  return {
    get state() {
      return state;
    },
    check,
    reportUnreachable() {
      if (state.serverReachable !== false) set({ serverReachable: false });
      schedule(options.recheckMs);
    },
    reportReachable() {
      // The answer proves the server is back; the check confirms it and asks about book search too.
      if (state.serverReachable === false && (nav?.onLine ?? true)) check();
    },
    stop() {
      timers.clearTimeout(recheck);
      target.removeEventListener?.('online', onOnline);
      target.removeEventListener?.('offline', onOffline);
    },
  };
}
