import { describe, it, expect } from 'vitest';
import {
  backoffDelay, classify, buildRequest, heads, isDue, isAbandoned, isExpired, batchGroups, batchRequest, readBatchAnswer, splitInHalves, retryLater,
  afterRefusal, takeServerMemo, BACKOFF, LEASE_MS, KEEP_SUCCESS_MS,
} from '../../src/ReadingTracker.Api/wwwroot/js/offline/sync-policy.js';

const item = (overrides = {}) => ({
  id: 'i1', seq: 1, localId: 'm1', type: 'CREATE', status: 'PENDING', idempotencyKey: 'k1', attempts: 0, nextAttemptAt: 0,
  data: { content: 'x', clientId: 'm1' }, sent: null, ...overrides,
});

describe('backoff', () => {
  it('BackoffDelay_IsFullJitterUpToBaseTimesTwoToTheN_CappedAt60s_AndNeverBeforeRetryAfter', () => {
    expect(backoffDelay(0, null, () => 0.999)).toBe(999);
    expect(backoffDelay(3, null, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, null, () => 0.999)).toBe(59940);
    expect(backoffDelay(0, null, () => 0)).toBe(0);
    expect(backoffDelay(0, 5000, () => 0.1)).toBe(5000);
    expect(backoffDelay(2000, null, () => 0.999)).toBe(Math.floor(0.999 * BACKOFF.capMs));
  });

  it('RetryLater_CountsTheAttempt_WaitsTheBackoff_AndKeepsTheErrorCode', () => {
    const later = retryLater(item({ attempts: 2 }), { status: 503, error: { code: 'DATABASE_TEMPORARY_UNAVAILABLE' }, retryAfterMs: 30000 }, 1000, () => 0.5);
    expect(later).toEqual({ nextAttemptAt: 31000, attempts: 3, error: { status: 503, code: 'DATABASE_TEMPORARY_UNAVAILABLE' } });
    expect(retryLater(item(), { status: 0, error: null, retryAfterMs: null }, 1000, () => 0.5)).toEqual({ nextAttemptAt: 1500, attempts: 1, error: { status: 0, code: null } });
  });
});

describe('classification', () => {
  it.each([
    [0, 'CREATE', 'transient'], [500, 'CREATE', 'transient'], [503, 'UPDATE', 'transient'], [409, 'CREATE', 'transient'],
    [429, 'CREATE', 'transient'], [401, 'CREATE', 'auth'], [400, 'CREATE', 'permanent'], [422, 'CREATE', 'permanent'],
    [404, 'UPDATE', 'permanent'], [404, 'DELETE', 'done'], [200, 'CREATE', 'done'], [201, 'CREATE', 'done'], [408, 'DELETE', 'transient'],
  ])('Classify_%i_On%s_Is%s', (status, type, kind) => {
    expect(classify({ type }, { status }).kind).toBe(kind);
  });

  it.each([[0, 'unreachable'], [401, 'auth'], [429, 'throttled'], [502, 'unavailable'], [503, 'unavailable'], [504, 'unavailable'], [500, undefined], [409, undefined], [422, undefined]])(
    'Status%i_HaltsThePassAs_%s', (status, halt) => {
      expect(classify({ type: 'CREATE' }, { status }).halt).toBe(halt);
    },
  );
});

describe('requests', () => {
  it('ACreate_PostsItsDataWithItsKey', () => {
    expect(buildRequest(item(), null)).toEqual({ method: 'POST', path: '/memos', body: { content: 'x', clientId: 'm1' }, headers: { 'Idempotency-Key': 'k1' } });
  });

  it('AnUpdate_PutsToTheServerId_WithTheBaseVersion', () => {
    const update = item({ type: 'UPDATE', data: { content: 'y' } });
    expect(buildRequest(update, { serverId: 40, version: 3 })).toEqual({ method: 'PUT', path: '/memos/40', body: { content: 'y', baseVersion: 3 }, headers: { 'Idempotency-Key': 'k1' } });
    expect(buildRequest(update, { serverId: 40, version: null }).body).toEqual({ content: 'y' });
    expect(update.data).toEqual({ content: 'y' });
  });

  it('ADelete_HasNoBody_AndWithoutAServerIdThereIsNothingToAddress', () => {
    expect(buildRequest(item({ type: 'DELETE' }), { serverId: 40 })).toEqual({ method: 'DELETE', path: '/memos/40', headers: { 'Idempotency-Key': 'k1' } });
    expect(buildRequest(item({ type: 'DELETE' }), { serverId: null })).toBeNull();
    expect(buildRequest(item({ type: 'UPDATE' }), undefined)).toBeNull();
  });
});

describe('what may go', () => {
  it('OnlyTheEarliestItemOfEachMemo_IsAHead', () => {
    const open = [item({ seq: 5, localId: 'a' }), item({ seq: 2, localId: 'b' }), item({ seq: 3, localId: 'a' }), item({ seq: 9, localId: 'b' })];
    expect(heads(open).map((i) => i.seq)).toEqual([2, 3]);
    expect(open.map((i) => i.seq)).toEqual([5, 2, 3, 9]);
  });

  it('AMemoWrittenAfterAChangeOfItsEntry_WaitsForThatChange_AndNotForAFailedOneOrAnotherEntrys', () => {
    const shelf = (seq, userBookId, status = 'PENDING') => item({ seq, localId: `shelf-${userBookId}`, type: 'SHELF', status, data: { op: 'START', userBookId } });
    const memo = (seq, localId, userBookId) => item({ seq, localId, data: { content: 'x', clientId: localId, userBookId } });
    const open = [shelf(1, 7), memo(2, 'a', 7), memo(3, 'b', 8), shelf(4, 8)];
    expect(heads(open).map((i) => i.seq)).toEqual([1, 3, 4]);
    expect(heads([shelf(1, 7, 'FAILED'), memo(2, 'a', 7)]).map((i) => i.seq)).toEqual([1, 2]); // a failed change is not sent (isDue) and holds nothing back
    expect(heads([memo(2, 'a', 7)]).map((i) => i.seq)).toEqual([2]);
  });

  it('APendingItem_IsDueOnceItsBackoffIsOver_OrWhenBackoffIsIgnored', () => {
    expect(isDue(item({ nextAttemptAt: 100 }), 100)).toBe(true);
    expect(isDue(item({ nextAttemptAt: 101 }), 100)).toBe(false);
    expect(isDue(item({ nextAttemptAt: 101 }), 100, true)).toBe(true);
    expect(isDue(item({ status: 'FAILED' }), 100, true)).toBe(false);
    expect(isDue(item({ status: 'WAITING' }), 100, true)).toBe(false);
  });

  it('ASyncingItem_IsAbandonedUnderTheLock_OrAfterItsLease', () => {
    const claimed = item({ status: 'SYNCING', claimedAt: 1000 });
    expect(isAbandoned(claimed, 1001, true)).toBe(true);
    expect(isAbandoned(claimed, 1000 + LEASE_MS - 1, false)).toBe(false);
    expect(isAbandoned(claimed, 1000 + LEASE_MS, false)).toBe(true);
  });

  it('ASentItem_ExpiresAfterAnHour', () => {
    expect(isExpired({ updatedAt: 0 }, KEEP_SUCCESS_MS)).toBe(false);
    expect(isExpired({ updatedAt: 0 }, KEEP_SUCCESS_MS + 1)).toBe(true);
  });
});

describe('batches', () => {
  const sentCreate = (seq) => item({ seq, localId: `m${seq}`, sent: { body: { clientId: `m${seq}` } } });

  it('CreatesGoInGroupsOfBatchSize_OthersAndLoneCreatesAlone', () => {
    const chunk = [sentCreate(1), item({ seq: 2, type: 'UPDATE', sent: {} }), sentCreate(3), sentCreate(4), item({ seq: 5, sent: null }), sentCreate(6)];
    expect(batchGroups(chunk, 3).map((g) => g.map((i) => i.seq))).toEqual([[1, 3, 4], [6]]);
    expect(batchGroups([sentCreate(1), item({ seq: 2, type: 'DELETE', sent: {} })], 100)).toEqual([]);
    expect(batchGroups([sentCreate(1), sentCreate(2)], 1)).toEqual([]);
  });

  it('ABatchRequest_CarriesEachCreatesFrozenBody', () => {
    expect(batchRequest([sentCreate(1), sentCreate(2)])).toEqual({ method: 'POST', path: '/memos/batch', body: { memos: [{ clientId: 'm1' }, { clientId: 'm2' }] }, headers: {} });
  });

  it('ABatchAnswer_GivesEachItemItsOwnAnswer', () => {
    const results = [{ clientId: 'm1', status: 201, memo: { id: 7 }, error: null }, { clientId: 'm2', status: 422, memo: null, error: { code: 'VALIDATION_FAILED' } }];
    expect(readBatchAnswer({ status: 200, data: { results } }, 2)).toEqual({
      answers: [{ status: 201, data: { id: 7 }, error: null, retryAfterMs: null }, { status: 422, data: null, error: { code: 'VALIDATION_FAILED' }, retryAfterMs: null }],
    });
  });

  it('AServerWithoutTheEndpoint_MeansOneByOne', () => {
    for (const status of [404, 405]) expect(readBatchAnswer({ status, data: null }, 2)).toEqual({ singly: true, unsupported: true });
  });

  it('ABatchRefusedAsAWhole_500OrA4xxAboutTheRequest_IsSplit', () => {
    for (const status of [500, 501, 400, 413, 422]) expect(readBatchAnswer({ status, data: null }, 2)).toEqual({ split: true });
    // A success without one result per memo confirms none of them.
    expect(readBatchAnswer({ status: 200, data: { results: [{ status: 201 }] } }, 2)).toEqual({ split: true });
  });

  it('Unavailable_Throttled_NoAnswer_OrSignInNeeded_IsEveryItemsAnswer_NotASplit', () => {
    for (const status of [0, 401, 408, 409, 429, 502, 503, 504]) {
      const answer = { status, data: null, error: { code: 'X' }, retryAfterMs: status === 503 ? 5000 : null };
      expect(readBatchAnswer(answer, 2)).toEqual({ answers: [answer, answer] });
    }
  });

  it('SplitInHalves_KeepsOrder_TheFirstHalfTheLarger', () => {
    expect(splitInHalves([1, 2, 3, 4, 5])).toEqual([[1, 2, 3], [4, 5]]);
    expect(splitInHalves([1, 2])).toEqual([[1], [2]]);
  });
});

describe('refusals and answers', () => {
  const refused = { status: 422, error: { code: 'VALIDATION_FAILED', message: 'too long', fields: [{ name: 'content', reason: 'max 5000' }] } };

  it('ARefusedWrite_Fails_WithTheServersReason', () => {
    expect(afterRefusal(item(), [item()], refused)).toEqual({
      action: 'fail', error: { status: 422, code: 'VALIDATION_FAILED', message: 'too long', fields: [{ name: 'content', reason: 'max 5000' }] },
    });
    expect(afterRefusal(item(), [item()], { status: 400 }).error).toEqual({ status: 400, code: null, message: null, fields: [] });
  });

  it('ARefusedCreate_OfAMemoDeletedSince_IsForgotten', () => {
    const create = item({ seq: 1 });
    expect(afterRefusal(create, [create, item({ seq: 2, type: 'DELETE' })], refused)).toEqual({ action: 'forget' });
  });

  it('ARefusedUpdate_OfAMemoDeletedSince_IsDropped_AndReleasesTheDelete', () => {
    const update = item({ seq: 2, type: 'UPDATE' });
    const del = item({ seq: 3, type: 'DELETE', status: 'WAITING' });
    expect(afterRefusal(update, [item({ seq: 1, status: 'SUCCESS' }), update, del], refused)).toEqual({ action: 'drop', release: [del] });
    // A delete before it does not count.
    expect(afterRefusal(update, [item({ seq: 1, type: 'DELETE' }), update], refused).action).toBe('fail');
  });

  it('TheServersMemo_GivesTheLocalOneItsIdVersionAndConflict', () => {
    const memo = { localId: 'm1', serverId: null, version: null, bookTitle: 'Local title', content: 'x' };
    const progress = { readingProgress: 120, totalPages: 120, category: 'AlmostFinished', moved: true, reachedLastPage: true };
    expect(takeServerMemo(memo, { id: 70, version: 2, bookTitle: 'Server title', createdAt: 'c', updatedAt: 'u', conflict: true, progress })).toBe(true);
    expect(memo).toEqual({ localId: 'm1', serverId: 70, version: 2, bookTitle: 'Server title', bookIsbn: undefined, content: 'x', serverCreatedAt: 'c', serverUpdatedAt: 'u', conflict: true, progress });
    expect(takeServerMemo(memo, { message: 'deleted' })).toBe(false);
    expect(takeServerMemo(null, { id: 1 })).toBe(false);
  });
});
