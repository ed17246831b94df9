import { describe, it, expect, beforeEach, vi } from 'vitest';

// The router reads the page's address: a minimal location, history and window stand in for the browser's.
function browser(hash) {
  const listeners = [];
  globalThis.location = { hash };
  globalThis.history = { replaceState: (_state, _title, url) => { globalThis.location.hash = url; } };
  globalThis.window = { addEventListener: (name, fn) => { if (name === 'hashchange') listeners.push(fn); } };
  return {
    navigate: (next) => { globalThis.location.hash = next; },
    hashchange: () => listeners.forEach((fn) => fn()),
  };
}

describe('router', () => {
  let router;
  beforeEach(async () => {
    vi.resetModules(); // each test starts a router of its own
    router = await import('../../src/ReadingTracker.Api/wwwroot/js/router.js');
  });

  it('ReplaceParams_RewritesTheQueryOfTheScreenOnShow', () => {
    browser('#/flow');
    router.start(() => {});
    router.replaceParams({ date: '2026-01-02', mode: 'BOOK' });
    expect(globalThis.location.hash).toBe('#/flow?date=2026-01-02&mode=BOOK');
  });

  it('ALateReplaceParams_OfTheScreenBeingLeft_KeepsTheNextScreensQuery', () => {
    const page = browser('#/flow');
    const seen = [];
    router.start(() => seen.push(router.current()));
    // The reader navigates; before the hashchange runs, the flow's slower answer arrives and rewrites its view.
    page.navigate('#/search?q=calm');
    router.replaceParams({ date: '2026-01-02' });
    expect(globalThis.location.hash).toBe('#/search?q=calm');
    page.hashchange();
    expect(seen.at(-1).params.q).toBe('calm');
    // The search screen, now on show, may rewrite its own query.
    router.replaceParams({ q: 'calm', page: 2 });
    expect(globalThis.location.hash).toBe('#/search?q=calm&page=2');
  });
});
