// The memo write path: the seam the offline engine plugs into. Screens call only these functions; an
// offline implementation can queue the same requests (same clientId, same Idempotency-Key) and replay them.
import { api } from './api.js';
import { uuid } from './dom.js';
import { nowWire } from './time.js';

/**
 * A draft starts when the editor opens: its clientId and start time stay fixed, so pressing Save again
 * after a lost answer cannot create a second memo. The Idempotency-Key is reused while the body is the same.
 */
export function newDraft() {
  return { clientId: uuid(), memoStartTime: nowWire(), body: null, key: null };
}

export async function createMemo(draft, { userBookId, pageNumber, content, tags, tagCategory }) {
  const body = { userBookId, pageNumber, content, tags, tagCategory, memoStartTime: draft.memoStartTime, clientId: draft.clientId };
  const text = JSON.stringify(body);
  if (text !== draft.body) {
    draft.body = text;
    draft.key = uuid();
  }
  return api.post('/memos', body, { headers: { 'Idempotency-Key': draft.key } });
}

export function updateMemo(memo, { pageNumber, content, tags, tagCategory }) {
  return api.put(`/memos/${memo.id}`, { pageNumber, content, tags, tagCategory, baseVersion: memo.version }, { headers: { 'Idempotency-Key': uuid() } });
}

export function deleteMemo(memo) {
  return api.del(`/memos/${memo.id}`, { headers: { 'Idempotency-Key': uuid() } });
}
