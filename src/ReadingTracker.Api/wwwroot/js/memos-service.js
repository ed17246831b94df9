// The memo write path, offline-first: every write is saved in the user's IndexedDB and queued (js/offline),
// then the sync engine sends it — at once when the server is in reach. Online, the screens wait briefly for
// that send, so they show the server's answer (a refusal goes back to the form, with the text still in it);
// offline they get the local memo at once, marked ⏳, and it reaches the server later, exactly once.
import { ApiError } from './api.js';
import { uuid } from './dom.js';
import { nowWire } from './time.js';
import { lang } from './i18n.js';
import { offline } from './offline/current.js';
import { toView } from './offline/memo-merge.js';
import { offlineText } from './offline/labels.js';
import { SCREEN_WAIT_MS as WAIT_FOR_SERVER_MS } from './offline/sync-policy.js';

/** A draft starts when the editor opens: its clientId and start time stay fixed however often Save is pressed. */
export function newDraft() {
  return { clientId: uuid(), memoStartTime: nowWire() };
}

function client() {
  const c = offline();
  if (!c) throw new ApiError({ status: 401, code: 'UNAUTHORIZED', message: offlineText(lang()).authRequired });
  return c;
}

/** The memo once the server answered (or at once when it cannot be reached); a refusal becomes the form's error. */
async function settled(c, localId) {
  const memo = await c.settle(localId, WAIT_FOR_SERVER_MS);
  if (memo?.syncStatus !== 'failed') return memo ? toView(memo) : null;
  const error = memo.error ?? {};
  await c.discard(localId);
  throw new ApiError({ status: error.status ?? 400, code: error.code ?? 'REJECTED', message: error.message ?? offlineText(lang()).failed, fields: error.fields ?? [] });
}

export async function createMemo(draft, { userBookId, pageNumber, content, tags, tagCategory, bookTitle }) {
  const c = client();
  const memo = await c.create({ userBookId, pageNumber, content, tags, tagCategory, bookTitle, memoStartTime: draft.memoStartTime, clientId: draft.clientId });
  return settled(c, memo.localId);
}

/** memo: a memo as listed (server or local view). */
export async function updateMemo(memo, { pageNumber, content, tags, tagCategory }) {
  const c = client();
  const local = await c.update(memo, { pageNumber, content, tags, tagCategory });
  return settled(c, local.localId);
}

export async function deleteMemo(memo) {
  await client().remove(memo);
  return { message: offlineText(lang()).deleted };
}

/** The user's answer to a memo that failed to sync. */
export const retryMemo = (memo) => client().retry(memo.localId);
export const discardMemo = (memo) => client().discard(memo.localId);
