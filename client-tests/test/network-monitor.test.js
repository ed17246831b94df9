import { describe, it, expect, vi, afterEach } from 'vitest';
import { createNetworkMonitor } from '../../src/ReadingTracker.Api/wwwroot/js/offline/network-monitor.js';

function harness(answers) {
  const calls = [];
  const target = new EventTarget();
  const nav = { onLine: true };
  const fetchImpl = async (url, init) => {
    calls.push(`${init.method} ${url}`);
    const answer = answers(url);
    if (answer === 'throw') throw new TypeError('Failed to fetch');
    if (answer === 'hang') return new Promise((_, reject) => { init.signal.addEventListener('abort', () => reject(new Error('aborted'))); });
    return { ok: answer >= 200 && answer < 300, status: answer };
  };
  const changes = [];
  const monitor = createNetworkMonitor({ fetchImpl, target, nav, onChange: (s) => changes.push(s) });
  return { calls, target, nav, monitor, changes };
}

afterEach(() => vi.useRealTimers());

describe('two-phase health check (docs/contract.md §9.1, scenario 3)', () => {
  it('BothPhasesUp_ChecksHeadHealthThenAladin_AndReportsFullyOnline', async () => {
    const { calls, monitor } = harness(() => 200);
    expect(await monitor.check()).toMatchObject({ online: true, serverReachable: true, searchAvailable: true });
    expect(calls).toEqual(['HEAD /api/v1/health', 'GET /api/v1/health/aladin']);
    monitor.stop();
  });

  it('BookProviderDown_ServerStillReachable_SearchLimited', async () => {
    const { monitor } = harness((url) => (url.endsWith('aladin') ? 503 : 200));
    expect(await monitor.check()).toMatchObject({ serverReachable: true, searchAvailable: false });
    monitor.stop();
  });

  it('ServerUnreachable_SkipsPhaseTwo_AndRechecksEveryFiveSeconds', async () => {
    vi.useFakeTimers();
    let up = false;
    const { calls, monitor } = harness(() => (up ? 200 : 'throw'));
    expect(await monitor.check()).toMatchObject({ serverReachable: false });
    expect(calls).toEqual(['HEAD /api/v1/health']);
    up = true;
    await vi.advanceTimersByTimeAsync(5000);
    expect(monitor.state).toMatchObject({ serverReachable: true, searchAvailable: true });
    monitor.stop();
  });

  it('HealthThatHangs_TimesOutAfterThreeSeconds', async () => {
    vi.useFakeTimers();
    const { monitor } = harness(() => 'hang');
    const result = monitor.check();
    await vi.advanceTimersByTimeAsync(3000);
    expect(await result).toMatchObject({ serverReachable: false });
    monitor.stop();
  });

  it('OfflineEvent_MarksUnreachable_OnlineEventChecksAfterOneSecond', async () => {
    vi.useFakeTimers();
    const { calls, target, nav, monitor } = harness(() => 200);
    nav.onLine = false;
    target.dispatchEvent(new Event('offline'));
    expect(monitor.state).toMatchObject({ online: false, serverReachable: false });
    nav.onLine = true;
    target.dispatchEvent(new Event('online'));
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(monitor.state).toMatchObject({ online: true, serverReachable: true });
    monitor.stop();
  });

  it('AnsweredRequestWhileUnreachable_ChecksAtOnce_WithoutWaitingForTheRecheck', async () => {
    vi.useFakeTimers();
    let up = false;
    const { calls, monitor } = harness(() => (up ? 200 : 'throw'));
    await monitor.check();
    up = true;
    monitor.reportReachable();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.state).toMatchObject({ serverReachable: true, searchAvailable: true });
    expect(calls).toEqual(['HEAD /api/v1/health', 'HEAD /api/v1/health', 'GET /api/v1/health/aladin']);
    monitor.reportReachable();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(3);
    monitor.stop();
  });
});
