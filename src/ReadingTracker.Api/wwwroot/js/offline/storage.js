// Asks the browser to keep this site's data (IndexedDB can be evicted under storage pressure, and Safari
// clears it after 7 days without use unless the app is installed) and reports how things stand.

/** {supported, persisted, usage, quota}; asks for persistence once if not yet granted. */
export async function ensurePersistentStorage(storage = globalThis.navigator?.storage) {
  if (!storage?.persist) return { supported: false, persisted: false, usage: null, quota: null };
  let persisted = (await storage.persisted?.()) ?? false;
  if (!persisted) {
    try {
      persisted = await storage.persist();
    } catch {
      persisted = false;
    }
  }
  const estimate = (await storage.estimate?.().catch(() => null)) ?? {};
  return { supported: true, persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}
