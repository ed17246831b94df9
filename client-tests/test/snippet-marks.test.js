import { describe, it, expect } from 'vitest';
import { snippetParts } from '../../src/ReadingTracker.Api/wwwroot/js/snippet-marks.js';

describe('snippetParts', () => {
  it('marks the highlighted spans and keeps the rest as text', () => {
    expect(snippetParts('동물이 숨이 막힌다', [[1, 3], [4, 6]])).toEqual([
      { text: '동', marked: false }, { text: '물이', marked: true }, { text: ' ', marked: false },
      { text: '숨이', marked: true }, { text: ' 막힌다', marked: false },
    ]);
  });

  it('keeps markup in a memo as plain text pieces', () => {
    const parts = snippetParts('<img src=x onerror=alert(1)> 고래', [[29, 31]]);
    expect(parts).toEqual([{ text: '<img src=x onerror=alert(1)> ', marked: false }, { text: '고래', marked: true }]);
  });

  it('ignores offsets that are out of range, overlapping or not numbers', () => {
    expect(snippetParts('abc', [[2, 9], [1, 2], [0, 1], ['0', 1], [2, 2]])).toEqual([
      { text: 'a', marked: false }, { text: 'b', marked: true }, { text: 'c', marked: false },
    ]);
    expect(snippetParts('abc', null)).toEqual([{ text: 'abc', marked: false }]);
    expect(snippetParts('', [])).toEqual([]);
  });
});
