import { describe, it, expect } from 'vitest';
import { readAllPages, mergeArrays, mergeShelf, mergeFlowPages } from '../../src/ReadingTracker.Api/wwwroot/js/paged.js';

const memo = (id, userBookId) => ({ id, userBookId, bookTitle: `Book ${userBookId}`, memoStartTime: `2026-11-02T09:${String(id).padStart(2, '0')}:00` });
const group = (userBookId, memos) => ({ bookId: userBookId, bookTitle: `Book ${userBookId}`, memos, memoCount: memos.length });

describe('readAllPages follows nextCursor', () => {
  it('AsksForTheLargestPage_ThenFollowsEachCursor_UntilNull', async () => {
    const asked = [];
    const pages = { '': { data: [1, 2], nextCursor: 'a' }, a: { data: [3, 4], nextCursor: 'b' }, b: { data: [5], nextCursor: null } };
    const get = async (url) => {
      asked.push(url);
      return pages[new URL(url, 'http://x').searchParams.get('cursor') ?? ''];
    };
    expect(await readAllPages(get, '/users/me/devices', mergeArrays, 200)).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual(['/users/me/devices?limit=200', '/users/me/devices?limit=200&cursor=a', '/users/me/devices?limit=200&cursor=b']);
  });

  it('KeepsTheQueryOfThePath_AndStopsOnARepeatedCursor', async () => {
    const asked = [];
    const get = async (url) => { asked.push(url); return { data: { books: [{ id: asked.length }], totalCount: 9 }, nextCursor: 'same' }; };
    const shelf = await readAllPages(get, '/user/books?sortBy=AUTHOR', mergeShelf, 200);
    expect(asked[0]).toBe('/user/books?sortBy=AUTHOR&limit=200');
    expect(asked).toHaveLength(2);
    expect(shelf).toEqual({ books: [{ id: 1 }, { id: 2 }], totalCount: 9 });
  });

  it('AnEarlierServerWithoutPaging_IsOnePage', async () => {
    const get = async () => ({ ok: true, data: [1, 2, 3] });
    expect(await readAllPages(get, '/users/me/devices', mergeArrays, 200)).toEqual([1, 2, 3]);
  });
});

describe('mergeFlowPages makes one day of pages grouped per page', () => {
  it('SessionMode_JoinsTheSessionCutByThePageBoundary_AndAppendsBookGroups', () => {
    const [m1, m2, m3, m4] = [memo(1, 7), memo(2, 7), memo(3, 7), memo(4, 8)];
    const page1 = { date: '2026-11-02', sortBy: 'SESSION', memosByBook: { 7: group(7, [m1, m2]) }, memosByTag: null, totalMemoCount: 2, sessions: [{ userBookId: 7, bookTitle: 'Book 7', memos: [m1, m2] }] };
    const page2 = { date: '2026-11-02', sortBy: 'SESSION', memosByBook: { 7: group(7, [m3]), 8: group(8, [m4]) }, memosByTag: null, totalMemoCount: 2, sessions: [{ userBookId: 7, bookTitle: 'Book 7', memos: [m3] }, { userBookId: 8, bookTitle: 'Book 8', memos: [m4] }] };
    const flow = mergeFlowPages([page1, page2]);
    expect(flow.totalMemoCount).toBe(4);
    expect(Object.keys(flow.memosByBook)).toEqual(['7', '8']);
    expect(flow.memosByBook[7]).toMatchObject({ memoCount: 3, memos: [m1, m2, m3] });
    expect(flow.sessions.map((s) => [s.userBookId, s.memos.map((m) => m.id)])).toEqual([[7, [1, 2, 3]], [8, [4]]]);
    expect(page1.sessions[0].memos).toHaveLength(2); // the pages themselves are left as they were
  });

  it('TagMode_KeepsTheServersTagOrder_AcrossPages', () => {
    const tag = (code, memos) => ({ tagCode: code, memoCount: memos.length, memosByBook: { 7: group(7, memos) } });
    const page1 = { sortBy: 'TAG', memosByBook: null, totalMemoCount: 2, memosByTag: { quote: tag('quote', [memo(1, 7)]), etc: tag('etc', [memo(2, 7)]) } };
    const page2 = { sortBy: 'TAG', memosByBook: null, totalMemoCount: 3, memosByTag: { summary: tag('summary', [memo(3, 7)]), feeling: tag('feeling', [memo(4, 7)]), etc: tag('etc', [memo(5, 7)]) } };
    const flow = mergeFlowPages([page1, page2]);
    // summary and feeling are new on page 2, where both come before etc: they go before it, in page 2's order.
    expect(Object.keys(flow.memosByTag)).toEqual(['quote', 'summary', 'feeling', 'etc']);
    expect(flow.memosByTag.etc.memoCount).toBe(2);
    expect(flow.memosByTag.etc.memosByBook[7].memos.map((m) => m.id)).toEqual([2, 5]);
    expect(flow.totalMemoCount).toBe(5);
  });

  it('OnePage_IsReturnedAsItIs', () => {
    const page = { sortBy: 'BOOK', memosByBook: {}, totalMemoCount: 0 };
    expect(mergeFlowPages([page])).toBe(page);
  });
});
