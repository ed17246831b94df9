import { describe, it, expect } from 'vitest';
import { pick, fill } from '../../src/ReadingTracker.Api/wwwroot/js/plural.js';
import ko from '../../src/ReadingTracker.Api/wwwroot/js/i18n/ko.js';
import en from '../../src/ReadingTracker.Api/wwwroot/js/i18n/en.js';
import { offlineText } from '../../src/ReadingTracker.Api/wwwroot/js/offline/labels.js';

const text = (words, language, key, count) => fill(pick(words, language, key, count), { count });

describe('plurals', () => {
  it('English_CountsOneAndMany', () => {
    expect(text(en, 'en', 'shelf.count', 1)).toBe('1 book');
    expect(text(en, 'en', 'shelf.count', 2)).toBe('2 books');
    expect(text(en, 'en', 'shelf.count', 0)).toBe('0 books');
    expect(text(en, 'en', 'flow.count', 1)).toBe('1 memo');
    expect(text(en, 'en', 'flow.count', 21)).toBe('21 memos');
    expect(text(en, 'en', 'search.count', 1)).toBe('1 result');
    expect(text(en, 'en', 'toast.memosSaved', 3)).toBe('3 memos saved.');
  });

  it('Korean_UsesItsCounters_TheSameForEveryNumber', () => {
    expect(text(ko, 'ko', 'shelf.count', 1)).toBe('1권');
    expect(text(ko, 'ko', 'shelf.count', 3)).toBe('3권');
    expect(text(ko, 'ko', 'flow.count', 1)).toBe('메모 1개');
    expect(text(ko, 'ko', 'tags.count', 3)).toBe('태그 3개');
  });

  it('EveryPluralVariant_HasItsBaseKey_InBothLanguages', () => {
    for (const words of [en, ko]) {
      for (const key of Object.keys(words).filter((k) => /\.(one|other)$/.test(k))) {
        expect(words[key.replace(/\.(one|other)$/, '')], key).toBeTruthy();
      }
    }
  });

  it('EveryEnglishCount_HasItsSingular', () => {
    const counted = Object.keys(en).filter((k) => !/\.(one|other)$/.test(k) && en[k].includes('{count}'));
    expect(counted.length).toBeGreaterThan(0);
    for (const key of counted) expect(en[`${key}.one`], key).toBeTruthy();
    expect(text(en, 'en', 'rating.value', 1)).toBe('1 star');
    expect(text(en, 'en', 'rating.value', 4)).toBe('4 stars');
    expect(text(en, 'en', 'flow.countSoFar', 1)).toBe('1 memo so far, more below');
    expect(text(ko, 'ko', 'rating.value', 1)).toBe('1점');
  });

  it('WithoutACount_TheKeyItselfIsUsed', () => {
    expect(pick(en, 'en', 'shelf.count')).toBe('{count} books');
    expect(pick(en, 'en', 'no.such.key', 1)).toBe('no.such.key');
  });

  it('TheSyncEngineToasts_CountRight', () => {
    expect(offlineText('en').synced_n(1)).toBe('✅ 1 memo synced.');
    expect(offlineText('en').synced_n(4)).toBe('✅ 4 memos synced.');
    expect(offlineText('en').failed_n(1)).toBe('⚠️ 1 memo failed to sync.');
    expect(offlineText('en').pendingCount(2)).toBe('2 memos waiting to sync');
    expect(offlineText('ko').synced_n(1)).toBe('✅ 메모 1개를 서버에 보냈습니다.');
    expect(offlineText('ko').pendingCount(3)).toBe('전송 대기 중인 메모 3개');
  });
});
