import { describe, it, expect } from 'vitest';
import { mergeMemos, mergeTodayFlow } from '../../src/ReadingTracker.Api/wwwroot/js/offline/memo-merge.js';

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
