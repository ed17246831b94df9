import { describe, it, expect } from 'vitest';
import ko from '../../src/ReadingTracker.Api/wwwroot/js/i18n/ko.js';
import en from '../../src/ReadingTracker.Api/wwwroot/js/i18n/en.js';

// Only one dictionary is loaded at a time and there is no fallback between them, so a key missing from one
// language would show the bare key to its readers.
describe('dictionaries', () => {
  it('KoreanAndEnglish_HaveTheSameKeys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
  });

  it('EveryText_IsNonEmpty_AndBothUseTheSamePlaceholders', () => {
    const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ko)) {
      expect(ko[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(ko[key]));
    }
  });
});
