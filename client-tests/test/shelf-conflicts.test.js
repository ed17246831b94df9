import { describe, it, expect } from 'vitest';
import { latestUnseen, newestId, describe as describeConflict } from '../../src/ReadingTracker.Api/wwwroot/js/shelf-conflicts.js';
import en from '../../src/ReadingTracker.Api/wwwroot/js/i18n/en.js';
import ko from '../../src/ReadingTracker.Api/wwwroot/js/i18n/ko.js';

const conflict = (id, at, field, lost, kept, loser = 'STORED') => ({ id, at, field, lost, kept, loser });
const labels = {
  field: (f) => f, category: (c) => `cat:${c}`, purchase: (p) => `buy:${p}`, date: (d) => `date:${d}`, rating: (n) => `${n}★`, none: '—',
};

describe('what a late shelf change replaced, told on the entry page', () => {
  it('OnlyTheNewestWritesConflicts_AreTold_AndNothingOnceDismissed', () => {
    const list = [
      conflict(30, '2026-11-30T10:00:02', 'rating', '2', '5'),
      conflict(31, '2026-11-30T10:00:02', 'review', 'Slow.', 'Good.'),
      conflict(12, '2026-11-29T08:00:00', 'category', 'AlmostFinished', 'ToRead'),
    ];
    expect(latestUnseen(list, null).map((c) => c.id)).toEqual([30, 31]);
    expect(newestId(latestUnseen(list, null))).toBe(31);
    expect(latestUnseen(list, '31')).toEqual([]);
    // A newer conflict after a dismissal is told again; the older, dismissed ones are not.
    expect(latestUnseen([conflict(40, '2026-11-30T11:00:00', 'readingProgress', '50', '150', 'REQUEST'), ...list], '31').map((c) => c.id)).toEqual([40]);
    expect(latestUnseen(list, '12').map((c) => c.id)).toEqual([30, 31]);
    expect(latestUnseen([], null)).toEqual([]);
    expect(latestUnseen(undefined, null)).toEqual([]);
  });

  it('EachField_IsSaidInTheUsWords_WithNoneForAnEmptyValue', () => {
    expect(describeConflict(conflict(1, 'x', 'category', 'AlmostFinished', 'ToRead'), labels)).toEqual({ field: 'category', kept: 'cat:ToRead', lost: 'cat:AlmostFinished' });
    expect(describeConflict(conflict(1, 'x', 'readingProgress', '50', '150', 'REQUEST'), labels)).toEqual({ field: 'readingProgress', kept: '150', lost: '50' });
    expect(describeConflict(conflict(1, 'x', 'purchaseType', null, 'RENTAL'), labels)).toMatchObject({ kept: 'buy:RENTAL', lost: '—' });
    expect(describeConflict(conflict(1, 'x', 'readingFinishedDate', '2026-11-01', '2026-11-20'), labels)).toMatchObject({ kept: 'date:2026-11-20' });
    expect(describeConflict(conflict(1, 'x', 'rating', '2', '5'), labels)).toMatchObject({ kept: '5★', lost: '2★' });
    expect(describeConflict(conflict(1, 'x', 'review', 'x'.repeat(60), 'ok'), labels).lost).toBe(`“${'x'.repeat(39)}…”`);
  });

  it('TheNoteHasItsWords_InEnglishAndKorean', () => {
    for (const dict of [en, ko]) {
      for (const key of ['shelfConflict.line', 'shelfConflict.detail', 'shelfConflict.separator', 'shelfConflict.dismiss']) expect(dict[key]).toBeTruthy();
      expect(dict['shelfConflict.detail']).toContain('{kept}');
      expect(dict['shelfConflict.detail']).toContain('{lost}');
    }
  });
});
