import { describe, it, expect } from 'vitest';
import { mergeMemos, mergeTodayFlow } from '../../src/ReadingTracker.Api/wwwroot/js/offline/memo-merge.js';
import { oldestFirst, newestFirst, byPage } from '../../src/ReadingTracker.Api/wwwroot/js/offline/memo-order.js';

const server = (id, extra = {}) => ({ id, clientId: `c${id}`, userBookId: 7, bookTitle: 'Book', content: `server ${id}`, tags: ['quote'], memoStartTime: `2025-11-24T09:0${id % 10}:00`, version: 1, ...extra });
const local = (localId, extra = {}) => ({ localId, clientId: localId, serverId: null, userBookId: 7, content: `local ${localId}`, tags: [], tagCategory: 'TYPE', memoStartTime: '2025-11-24T10:00:00', syncStatus: 'pending', deleted: false, ...extra });

describe('mergeMemos never shows a memo twice (scenario 6)', () => {
  it('PendingEditOfASyncedMemo_ShowsTheLocalVersionOnce', () => {
    const merged = mergeMemos([local('c1', { serverId: 1, content: 'edited offline' })], [server(1)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 1, content: 'edited offline', syncStatus: 'pending' });
  });

  it('CreateThatLandedButWhoseAnswerWasLost_IsMatchedByClientId_AndShownOnce', () => {
    const merged = mergeMemos([local('c1', { syncStatus: 'syncing_create' })], [server(1)]);
    expect(merged).toHaveLength(1);
    expect(merged[0].localId).toBe('c1');
  });

  it('SyncedLocalMemo_ShowsTheServerVersion', () => {
    const merged = mergeMemos([local('c1', { serverId: 1, syncStatus: 'synced', content: 'old' })], [server(1, { content: 'from another device' })]);
    expect(merged).toEqual([expect.objectContaining({ content: 'from another device', syncStatus: 'synced', localId: 'c1' })]);
  });

  it('LocalDelete_HidesTheServerCopy', () => {
    expect(mergeMemos([local('c1', { serverId: 1, deleted: true, syncStatus: 'waiting' })], [server(1), server(2)]).map((m) => m.id)).toEqual([2]);
  });

  it('SyncedMemoTheServerNoLongerLists_WasDeletedElsewhere_AndIsNotShown', () => {
    expect(mergeMemos([local('c1', { serverId: 1, syncStatus: 'synced' })], [])).toEqual([]);
  });

  it('LocalOnlyAndServerOnlyMemos_AreAllShown_InTimeOrder', () => {
    const merged = mergeMemos([local('x', { memoStartTime: '2025-11-24T09:05:00' })], [server(1), server(9)]);
    expect(merged.map((m) => m.localId)).toEqual(['c1', 'x', 'c9']);
  });
});

describe('mergeTodayFlow', () => {
  const flow = {
    date: '2025-11-24', sortBy: 'TAG', totalMemoCount: 1, memosByBook: null, sessions: null,
    memosByTag: { quote: { tagCode: 'quote', memoCount: 1, memosByBook: { 7: { bookId: 7, bookTitle: 'Book', memos: [server(1)], memoCount: 1 } } } },
  };

  it('AddsTheDaysLocalMemos_ToTheTotalTheBookGroupsAndTheirTags', () => {
    const merged = mergeTodayFlow(flow, [local('a', { tags: ['idea'] }), local('b', { memoStartTime: '2025-11-23T10:00:00' })], { tagCategory: 'TYPE' });
    expect(merged.totalMemoCount).toBe(2);
    expect(merged.memosByBook['7'].memos.map((m) => m.localId)).toEqual(['c1', 'a']);
    expect(Object.keys(merged.memosByTag).sort()).toEqual(['idea', 'quote']);
    expect(merged.sessions).toHaveLength(1);
  });
});

describe('mergeTodayFlow without local work', () => {
  it('ReturnsTheServersAnswerUnchanged', () => {
    const flow = { date: '2025-11-24', sortBy: 'SESSION', memosByBook: {}, totalMemoCount: 0 };
    expect(mergeTodayFlow(flow, [local('x', { syncStatus: 'synced', serverId: 3 })])).toBe(flow);
  });
});

describe('one order, offline and online (issue 14, part 2)', () => {
  const at = '2026-11-30T09:15:00';
  const offlineMemo = (n, seq) => ({ localId: `f${n}-${'x'.repeat(n)}`, clientId: `c${n}`, memoStartTime: at, content: `m${n}`, syncStatus: 'pending', writtenSeq: seq, serverId: null });

  it('MemosOfTheSameStartTime_WrittenOffline_ShowInTheOrderWritten_NotByTheirRandomIds', () => {
    // Local ids are random UUIDs: sorted by them, these would show as 3, 1, 2.
    const memos = [offlineMemo(2, 12), offlineMemo(3, 13), offlineMemo(1, 11)].map((m, i) => ({ ...m, localId: ['zz', 'aa', 'mm'][i] }));
    expect(mergeMemos(memos, []).map((m) => m.content)).toEqual(['m1', 'm2', 'm3']);
  });

  it('AfterTheSync_TheServersIds_KeepTheSameOrder_AndUnsentOnesFollowTheSentOnes', () => {
    const sent = [{ id: 501, clientId: 'c1', memoStartTime: at, content: 'm1' }, { id: 502, clientId: 'c2', memoStartTime: at, content: 'm2' }];
    const synced = [offlineMemo(1, 11), offlineMemo(2, 12)].map((m, i) => ({ ...m, serverId: 501 + i, syncStatus: 'synced' }));
    expect(mergeMemos([...synced, offlineMemo(3, 13)], sent).map((m) => m.content)).toEqual(['m1', 'm2', 'm3']);
  });

  it('TheNotebooksOrders_AreTheServers_PageThenTime_OrNewestFirst', () => {
    const memos = [{ id: 2, memoStartTime: at, pageNumber: 5 }, { id: 1, memoStartTime: at, pageNumber: 9 }, { id: null, writtenSeq: 1, memoStartTime: at, pageNumber: 5 }];
    expect([...memos].sort(byPage).map((m) => m.id)).toEqual([2, null, 1]);
    expect([...memos].sort(newestFirst).map((m) => m.id)).toEqual([null, 2, 1]);
    expect([...memos].sort(oldestFirst).map((m) => m.id)).toEqual([1, 2, null]);
  });
});
