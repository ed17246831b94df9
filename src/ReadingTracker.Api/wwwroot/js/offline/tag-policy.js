// The own-tag items' part of the sync policy (ADR-013): what a TAG item is, the request it becomes, and the order rules
// between tag changes and the memo writes that carry tags. Small on purpose: the sync policy, which the app shell loads,
// imports it; the queue's writes and the overlay (tag-queue.js) load with the first tag change.
export const TAG = 'TAG';
export const TAG_TEMP_PREFIX = 'local-tag-';
/** Every tag group starts with this (the queue's localId index is searched by it). */
export const TAG_GROUPS = 'tag-';

export const isTagItem = (item) => item.type === TAG;
export const isTempTag = (code) => typeof code === 'string' && code.startsWith(TAG_TEMP_PREFIX);
/** The queue group of one tag's changes. */
export const tagGroup = (code) => `${TAG_GROUPS}${code}`;

/** The tag codes an item touches: a tag change its tag (and a merge's target), a memo write the tags it carries. */
export function touchedTags(item) {
  if (isTagItem(item)) return item.data.into ? [item.data.code, item.data.into] : [item.data.code];
  return Array.isArray(item.data?.tags) ? item.data.tags : [];
}

/** The HTTP request for a tag change; null while its tag (or a merge's target) has only a temporary code. */
export function tagRequest(item) {
  const { op, code, body = {}, into } = item.data;
  const headers = { 'Idempotency-Key': item.idempotencyKey, ...(item.data.language ? { 'Accept-Language': item.data.language } : {}) };
  if (op === 'CREATE') return { method: 'POST', path: '/tags/mine', body: { name: body.name, category: body.category }, headers };
  if (isTempTag(code)) return null;
  const path = `/tags/mine/${encodeURIComponent(code)}`;
  switch (op) {
    case 'EDIT': return { method: 'PATCH', path, body, headers };
    case 'MERGE': return isTempTag(into) ? null : { method: 'POST', path: `${path}/merge`, body: { into }, headers };
    case 'DELETE': return { method: 'DELETE', path, headers };
    default: return null;
  }
}

/**
 * Whether a tag item or a memo write may go, given the open tag items and memo writes (CREATE, UPDATE) that were not
 * refused: a memo carrying a tag created offline waits for the create's answer (its code is temporary until then),
 * and for any change of its tags made before it; a merge or delete waits for the memos written before it with that
 * tag; a merge into a tag created offline waits for that create. Refused (FAILED) items hold nothing back.
 */
export function tagOrderAllows(item, tagChanges, memoWrites) {
  const codes = touchedTags(item);
  if (codes.length === 0) return true;
  if (!isTagItem(item)) {
    if (codes.some(isTempTag)) return false;
    return !tagChanges.some((o) => o.seq < item.seq && touchedTags(o).some((c) => codes.includes(c)));
  }
  if (item.data.into && isTempTag(item.data.into)) return false;
  if (item.data.op !== 'MERGE' && item.data.op !== 'DELETE') return true;
  return !memoWrites.some((o) => o.seq < item.seq && touchedTags(o).includes(item.data.code));
}
