import { describe, it, expect } from 'vitest';
import { overlayEntry } from '../../src/ReadingTracker.Api/wwwroot/js/offline/shelf-overlay.js';

const entry = { userBookId: 7, title: 'B', category: 'ToRead', readingProgress: null, readingStartDate: null, totalPages: 200, version: 1 };
const close = (from, startHint, page = 120) => overlayEntry(from, [{
  seq: 1, type: 'SHELF', status: 'PENDING', localId: 'shelf-7', data: { op: 'CLOSE', userBookId: 7, body: { lastReadPage: page }, startHint },
}]);

describe('closing a book offline shows its start date at once (contract 4.3)', () => {
  it('ABookNotStarted_TakesTheDayOfItsFirstMemo_ElseToday', () => {
    expect(close(entry, { firstMemoDay: '2026-11-28', today: '2026-11-30' })).toMatchObject({ category: 'Reading', readingStartDate: '2026-11-28' });
    expect(close(entry, { firstMemoDay: null, today: '2026-11-30' })).toMatchObject({ category: 'Reading', readingStartDate: '2026-11-30' });
  });

  it('ABookStartedBefore_KeepsItsStartDate', () => {
    expect(close({ ...entry, category: 'Reading', readingStartDate: '2026-10-01' }, { firstMemoDay: '2026-11-28', today: '2026-11-30' }))
      .toMatchObject({ readingStartDate: '2026-10-01' });
  });

  it('ABookStillToRead_WithoutAPageCount_KeepsTheDayItsMemosBegan_OrNone', () => {
    const noLength = { ...entry, totalPages: null };
    expect(close(noLength, { firstMemoDay: '2026-11-28', today: '2026-11-30' })).toMatchObject({ category: 'ToRead', readingStartDate: '2026-11-28' });
    expect(close(noLength, { firstMemoDay: null, today: '2026-11-30' })).toMatchObject({ category: 'ToRead', readingStartDate: null });
  });

  it('WithoutAHint_NothingIsGuessed', () => {
    expect(close(entry, null)).toMatchObject({ readingStartDate: null });
  });
});
