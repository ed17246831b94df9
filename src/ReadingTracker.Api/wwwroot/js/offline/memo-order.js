// One order for memo lists, offline and online alike: the server's ORDER BY memo_start_time, id. A memo that is
// not on the server yet has no id; the server will give it one larger than those it already holds (ids grow with
// time, and the engine sends creates in the order they were written), so it sorts after every memo of the same
// start time that has one, and among its kind in the order it was written on this device (its create's queue key). A list drawn before the
// sync and the same list after it are in the same order.

/** The tiebreak of two memos with the same start time: ids first, then this device's writing order. */
function sameStart(a, b) {
  const aid = a.id ?? null;
  const bid = b.id ?? null;
  if (aid != null && bid != null) return aid - bid;
  if (aid != null) return -1;
  if (bid != null) return 1;
  return (a.writtenSeq ?? 0) - (b.writtenSeq ?? 0) || String(a.localId ?? '').localeCompare(String(b.localId ?? ''));
}

/** Oldest first: the timeline's order, and the server's. */
export const oldestFirst = (a, b) => (a.memoStartTime ?? '').localeCompare(b.memoStartTime ?? '') || sameStart(a, b);

/** Newest first: the notebook's "by date" (memo_start_time DESC, id DESC). */
export const newestFirst = (a, b) => oldestFirst(b, a);

/** By page, then oldest first: the notebook's "by page" (page_number, memo_start_time, id). */
export const byPage = (a, b) => (a.pageNumber ?? 0) - (b.pageNumber ?? 0) || oldestFirst(a, b);
