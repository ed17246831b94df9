// Test doubles for the sync engine: a fresh fake IndexedDB per test, a stepped clock, a server that keeps
// memos the way the real one does (clientId and Idempotency-Key both dedupe), and an in-process Web Lock.
import { IDBFactory } from 'fake-indexeddb';
import { userDatabase } from '../../src/ReadingTracker.Api/wwwroot/js/offline/db.js';

export const OFFLINE = '../../src/ReadingTracker.Api/wwwroot/js/offline';

export function env() {
  let clock = 1_700_000_000_000;
  let counter = 0;
  return {
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    uuid: () => {
      counter += 1;
      return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
    },
  };
}

let userSeq = 0;
/** A database for a new user in a fresh fake IndexedDB. */
export function freshDb(factory = new IDBFactory()) {
  userSeq += 1;
  return { db: userDatabase(`t${userSeq}`, factory), userId: `t${userSeq}`, factory };
}

export function memoInput(overrides = {}) {
  return { userBookId: 7, pageNumber: 12, content: 'a line worth keeping', tags: ['quote'], tagCategory: 'TYPE', memoStartTime: '2025-11-24T09:30:00', ...overrides };
}

/** A fake of the memo API with the real server's dedup rules. */
export function fakeServer() {
  const memos = new Map();
  const byClient = new Map();
  const keys = new Map();
  const log = [];
  let nextId = 100;
  const ok = (data) => ({ status: 200, data, error: null, retryAfterMs: null });
  const notFound = { status: 404, data: null, error: { code: 'MEMO_NOT_FOUND' }, retryAfterMs: null };

  function apply(req) {
    const id = Number(req.path.split('/')[2]);
    if (req.method === 'POST') {
      const first = byClient.get(req.body.clientId);
      if (first) return ok({ ...first });
      const memo = { ...req.body, id: nextId++, version: 1, history: [] };
      memos.set(memo.id, memo);
      byClient.set(memo.clientId, memo);
      return ok({ ...memo });
    }
    const memo = memos.get(id);
    if (!memo || (memo.deleted && req.method === 'PUT')) return notFound;
    if (req.method === 'DELETE') {
      memo.deleted = true;
      return ok({ message: 'deleted' });
    }
    const conflict = req.body.baseVersion != null && req.body.baseVersion < memo.version;
    memo.history.push({ version: memo.version, content: memo.content });
    Object.assign(memo, { content: req.body.content ?? memo.content, pageNumber: req.body.pageNumber ?? memo.pageNumber, tags: req.body.tags ?? memo.tags });
    memo.version += 1;
    return ok({ ...memo, ...(conflict ? { conflict: true } : {}) });
  }

  function handle(req) {
    log.push(structuredClone(req));
    if (req.path === '/memos/batch') {
      const results = req.body.memos.map((body) => {
        const answer = apply({ method: 'POST', path: '/memos', body });
        return { clientId: body.clientId, status: answer.status, memo: answer.data, error: answer.error };
      });
      return ok({ results });
    }
    const key = req.headers?.['Idempotency-Key'];
    const fingerprint = `${req.method} ${req.path} ${JSON.stringify(req.body ?? null)}`;
    const stored = key && keys.get(key);
    if (stored) return stored.fingerprint === fingerprint ? { ...stored.response, replayed: true } : { status: 422, data: null, error: { code: 'IDEMPOTENCY_KEY_REUSED' } };
    const response = apply(req);
    if (key && response.status < 500) keys.set(key, { fingerprint, response });
    return response;
  }

  return {
    memos, log, handle,
    live: () => [...memos.values()].filter((m) => !m.deleted),
    transport: (policy = (req, next) => next(req)) => ({ send: async (req) => policy(req, handle) }),
  };
}

/** The clientIds of every create that was sent, alone or in a batch. */
export const sentCreates = (log) => log.flatMap((r) => (r.path === '/memos/batch' ? r.body.memos.map((m) => m.clientId) : r.method === 'POST' ? [r.body.clientId] : []));

export const networkDown = { status: 0, data: null, error: { code: 'NETWORK_ERROR' }, retryAfterMs: null };

/** A Web Locks stand-in: one holder per name, the rest queue (shared by every engine of one test). */
export function fakeLocks() {
  const tails = new Map();
  return {
    held: new Set(),
    request(name, callback) {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(async () => {
        this.held.add(name);
        try {
          return await callback({ name });
        } finally {
          this.held.delete(name);
        }
      });
      tails.set(name, run.catch(() => {}));
      return run;
    },
  };
}

/** Resolves after `ms` milliseconds of real time. */
export const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

export const queueOf = (db) => db.read(['queue'], (t) => t.all('queue'));
export const memoOf = (db, localId) => db.read(['memos'], (t) => t.get('memos', localId));
