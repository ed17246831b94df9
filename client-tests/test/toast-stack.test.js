import { describe, it, expect } from 'vitest';
import { coalesce, MAX_TOASTS } from '../../src/ReadingTracker.Api/wwwroot/js/ui/toast-stack.js';

/** Applies news to a stack the way toast.js does, returning the stack and what each step did. */
function apply(news) {
  let shown = [];
  const steps = [];
  for (const item of news) {
    const result = coalesce(shown, item);
    shown = result.entries;
    steps.push(result);
  }
  return { shown, steps };
}

describe('toast stack', () => {
  it('RepeatedNews_UpdatesOneToast_AndItsCountGrows', () => {
    const { shown, steps } = apply([{ key: 'memo.saved', add: 1 }, { key: 'memo.saved', add: 1 }, { key: 'memo.saved', add: 1 }]);
    expect(shown).toHaveLength(1);
    expect(shown[0].count).toBe(3);
    expect(steps[1].updated).toBe(shown[0]);
    expect(steps[2].removed).toEqual([]);
  });

  it('CountsOfSeveralPasses_AddUp', () => {
    const { shown } = apply([{ key: 'memos-synced', add: 2 }, { key: 'memos-synced', add: 5 }]);
    expect(shown.map((e) => [e.key, e.count])).toEqual([['memos-synced', 7]]);
  });

  it('AtMostTwoShow_TheOldestGivesWay', () => {
    expect(MAX_TOASTS).toBe(2);
    const { shown, steps } = apply([{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd' }]);
    expect(shown.map((e) => e.key)).toEqual(['c', 'd']);
    expect(steps[2].removed.map((e) => e.key)).toEqual(['a']);
    expect(steps[3].removed.map((e) => e.key)).toEqual(['b']);
  });

  it('AnUpdateDoesNotPushAnotherOut', () => {
    const { shown, steps } = apply([{ key: 'a' }, { key: 'b' }, { key: 'a', add: 1 }]);
    expect(shown.map((e) => e.key)).toEqual(['a', 'b']);
    expect(steps[2].removed).toEqual([]);
  });

  it('NewsWithoutAKey_NeverCoalesces', () => {
    const { shown } = apply([{ key: null }, { key: null }]);
    expect(shown).toHaveLength(2);
  });
});
