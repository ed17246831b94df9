// The app shell the service worker stores for offline start. client-tests/shell-files.test.js fails when a
// file under wwwroot is missing here, so a new module cannot silently break the offline start.
// Bump SHELL_VERSION with every release of the client: the new worker then waits and the page offers the update.
export const SHELL_VERSION = '2025-11-24.1';

export const SHELL_FILES = [
  '/',
  '/index.html',
  '/js/offline/db.js',
  '/js/offline/labels.js',
  '/js/offline/memo-merge.js',
  '/js/offline/memo-repository.js',
  '/js/offline/network-monitor.js',
  '/js/offline/offline-client.js',
  '/js/offline/session.js',
  '/js/offline/shell-files.js',
  '/js/offline/storage.js',
  '/js/offline/sync-engine.js',
  '/js/offline/sync-queue.js',
  '/js/offline/transport.js',
];
