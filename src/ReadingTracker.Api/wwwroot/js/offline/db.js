// The one module that owns IndexedDB: a small promise wrapper, a versioned upgrade ladder, one database
// per user (two readers on one browser never share memos, docs/contract.md §8.1) and one shared
// non-user database holding the session, so the service worker can send the user's token.

/** Per-user database: memos, the sync queue, cached server reads. Never shared between users. */
export const USER_DB_PREFIX = 'reading-tracker-u';
export const SESSION_DB = 'reading-tracker-session';

// Each step upgrades from version i to i + 1; a step is never edited once shipped, only appended.
const USER_LADDER = [
  (db) => {
    const memos = db.createObjectStore('memos', { keyPath: 'localId' });
    memos.createIndex('serverId', 'serverId');
    memos.createIndex('clientId', 'clientId', { unique: true });
    memos.createIndex('userBookId', 'userBookId');
    // seq orders the queue: the order writes were made is the order they reach the server.
    const queue = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
    queue.createIndex('id', 'id', { unique: true });
    queue.createIndex('localId', 'localId');
    queue.createIndex('status', 'status');
    db.createObjectStore('cache', { keyPath: 'path' });
    db.createObjectStore('meta', { keyPath: 'key' });
  },
];

const SESSION_LADDER = [(db) => db.createObjectStore('session', { keyPath: 'key' })];

/** A request as a promise. */
export function settle(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(factory, name, ladder) {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, ladder.length);
    request.onupgradeneeded = (event) => {
      for (let version = event.oldVersion; version < ladder.length; version++) ladder[version](request.result, request.transaction);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked by an older tab`));
  });
}

/** Store access inside one transaction. Only await IndexedDB requests in `work`, or the transaction ends. */
class Tx {
  constructor(tx) {
    this.raw = tx;
  }

  get(store, key) {
    return settle(this.raw.objectStore(store).get(key));
  }

  put(store, value) {
    return settle(this.raw.objectStore(store).put(value));
  }

  delete(store, key) {
    return settle(this.raw.objectStore(store).delete(key));
  }

  clear(store) {
    return settle(this.raw.objectStore(store).clear());
  }

  /** Every value of a store, or of one index (optionally one key of it), in key order; the first `count` if given. */
  all(store, index, query, count) {
    const source = this.raw.objectStore(store);
    return settle((index ? source.index(index) : source).getAll(query, count));
  }

  count(store, index, query) {
    const source = this.raw.objectStore(store);
    return settle((index ? source.index(index) : source).count(query));
  }

  /**
   * Walks one key of an index in primary-key order, deleting each record while `shouldDelete(value)` holds, and
   * stops at the first that does not: resolves with how many went. For records that age in key order (old queue
   * items), so a walk reads only what it deletes, and one more.
   */
  deleteWhile(store, index, query, shouldDelete) {
    return new Promise((resolve, reject) => {
      let deleted = 0;
      const request = this.raw.objectStore(store).index(index).openCursor(query);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor || !shouldDelete(cursor.value)) {
          resolve(deleted);
          return;
        }
        cursor.delete();
        deleted += 1;
        cursor.continue();
      };
      request.onerror = () => reject(request.error);
    });
  }

  /**
   * The values whose key of an index (a string) starts with `prefix`, in key order: a cursor that jumps to the
   * prefix and stops after it, so only those records are read (no key range object: the worker and the tests'
   * IndexedDB need none).
   */
  allWithPrefix(store, index, prefix) {
    return new Promise((resolve, reject) => {
      const found = [];
      let jumped = false;
      const request = this.raw.objectStore(store).index(index).openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) {
          resolve(found);
          return;
        }
        const key = String(cursor.key);
        if (!jumped && key < prefix) {
          jumped = true;
          cursor.continue(prefix);
          return;
        }
        if (!key.startsWith(prefix)) {
          resolve(found);
          return;
        }
        found.push(cursor.value);
        cursor.continue();
      };
      request.onerror = () => reject(request.error);
    });
  }

  first(store, index, query) {
    return settle(this.raw.objectStore(store).index(index).get(query));
  }
}

/** A database connection that reopens itself after the browser closed it (versionchange, eviction). */
export class Database {
  constructor(name, ladder, factory = globalThis.indexedDB) {
    this.name = name;
    this.ladder = ladder;
    this.factory = factory;
    this.connection = null;
  }

  async connect() {
    this.connection ??= open(this.factory, this.name, this.ladder).then((db) => {
      const forget = () => {
        this.connection = null;
      };
      db.onversionchange = () => {
        db.close();
        forget();
      };
      db.onclose = forget;
      return db;
    }, (error) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  /** Runs `work(tx)` in one transaction and resolves with its result once the transaction committed. */
  async tx(stores, mode, work) {
    const db = await this.connect();
    const raw = db.transaction(stores, mode);
    const committed = new Promise((resolve, reject) => {
      raw.oncomplete = () => resolve();
      raw.onerror = () => reject(raw.error);
      raw.onabort = () => reject(raw.error ?? new Error('transaction aborted'));
    });
    let result;
    try {
      result = await work(new Tx(raw));
    } catch (error) {
      try {
        raw.abort();
      } catch {
        // Already finished: the original error is the one worth reporting.
      }
      await committed.catch(() => {});
      throw error;
    }
    await committed;
    return result;
  }

  read(stores, work) {
    return this.tx(stores, 'readonly', work);
  }

  write(stores, work) {
    return this.tx(stores, 'readwrite', work);
  }

  async close() {
    const db = await this.connection;
    db?.close();
    this.connection = null;
  }
}

const userDatabases = new Map();

/** The signed-in user's own database, `reading-tracker-u{userId}`. */
export function userDatabase(userId, factory = globalThis.indexedDB) {
  if (userId == null || userId === '') throw new Error('userDatabase needs a user id');
  const name = USER_DB_PREFIX + userId;
  let db = userDatabases.get(name);
  if (!db || db.factory !== factory) {
    db = new Database(name, USER_LADDER, factory);
    userDatabases.set(name, db);
  }
  return db;
}

export function sessionDatabase(factory = globalThis.indexedDB) {
  return new Database(SESSION_DB, SESSION_LADDER, factory);
}
