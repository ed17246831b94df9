// The reader's own tags offline (ADR-013): create, rename (or recategorise), merge and delete are TAG items in the
// one sync queue, sent by the same engine under the same lock, each with its own Idempotency-Key, shown with the
// same states as a memo. The items of one tag share a queue group (`tag-{code}`), so they reach the server in the
// order they were made. A tag created offline has a temporary code (`local-tag-…`) until its create is answered:
// then every item of its group, every merge into it and every memo carrying it is rewritten to the server's code,
// in the transaction that records the answer, and the memos (held back until then) go.
import { Q, newItem, itemsOf, writeQueue } from './sync-queue.js';
import { TAG, TAG_TEMP_PREFIX, TAG_GROUPS, isTagItem, isTempTag, tagGroup } from './tag-policy.js';

export { TAG, TAG_TEMP_PREFIX, TAG_GROUPS, isTagItem, isTempTag, tagGroup, touchedTags, tagRequest, tagOrderAllows } from './tag-policy.js';

/** Replaces a code in a list of codes (a merge target already there is not repeated); null: dropped. */
export function mapCodes(tags, from, to) {
  if (!Array.isArray(tags) || !tags.includes(from)) return tags;
  const out = [];
  for (const code of tags) {
    const next = code === from ? to : code;
    if (next != null && !out.includes(next)) out.push(next);
  }
  return out;
}

/** Rewrites `from` to `to` (null: drops it) on every memo and unsent memo write that carries it. */
async function rewriteMemos(t, from, to) {
  for (const memo of await t.all('memos')) {
    if (!memo.tags?.includes(from)) continue;
    memo.tags = mapCodes(memo.tags, from, to);
    await t.put('memos', memo);
  }
  for (const item of await t.all('queue')) {
    if (isTagItem(item) || item.sent || !item.data?.tags?.includes(from)) continue;
    item.data = { ...item.data, tags: mapCodes(item.data.tags, from, to) };
    await t.put('queue', item);
  }
}

/**
 * Queues one change of an own tag: op CREATE ({body: {name, category}}; the code is made here), EDIT ({code, body:
 * {name?, category?}}), MERGE ({code, into}) or DELETE ({code}). `name` is the tag's name as the reader saw it, kept
 * so a refused change can be shown even when the tag is gone. A tag created and deleted before its create ever left
 * sends nothing, and the memos that carried it lose the tag (never the memo). Returns the item (null: nothing queued).
 */
export function queueTagChange(db, { op, code = null, body = {}, into = null, name = null, category = null, language = null }, env) {
  return writeQueue(db, async (t) => {
    const tagCode = op === 'CREATE' ? `${TAG_TEMP_PREFIX}${env.uuid()}` : code;
    const group = tagGroup(tagCode);
    const open = (await itemsOf(t, group)).filter((i) => i.status !== Q.SUCCESS);
    const unsentCreate = open.find((i) => i.data.op === 'CREATE' && !i.sent);
    if ((op === 'DELETE' || op === 'MERGE') && unsentCreate) {
      // Never on the server: nothing to send. A merge moves its memos onto the target here, a delete drops the tag.
      for (const item of open) await t.delete('queue', item.seq);
      await rewriteMemos(t, tagCode, op === 'MERGE' ? into : null);
      return null;
    }
    if (op === 'EDIT' && unsentCreate && !open.some((i) => i !== unsentCreate)) {
      // A rename before the create left is the create's own name.
      unsentCreate.data = { ...unsentCreate.data, body: { ...unsentCreate.data.body, ...body } };
      unsentCreate.updatedAt = env.now();
      await t.put('queue', unsentCreate);
      return unsentCreate;
    }
    const data = { op, code: tagCode, body, language, name: op === 'CREATE' ? body.name : name, category: op === 'CREATE' ? body.category : category };
    if (op === 'MERGE') data.into = into;
    if (op === 'CREATE') data.tempCode = tagCode;
    const item = newItem(TAG, group, data, env);
    item.seq = await t.put('queue', item);
    return item;
  });
}

/**
 * A tag change the server accepted, inside the engine's recording transaction: the answer is kept on the item
 * (reads show it until the cached list catches up), and a create maps the temporary code to the server's
 * everywhere it was used: its group, merges into it, and the memos carrying it.
 */
export async function tagSucceeded(t, item, data) {
  item.result = data ?? null;
  if (item.data.op !== 'CREATE' || !data?.code || !isTempTag(item.data.code)) return;
  const from = item.data.code;
  const to = data.code;
  item.data = { ...item.data, code: to };
  item.localId = tagGroup(to);
  for (const other of await t.all('queue')) {
    if (other.seq === item.seq || !isTagItem(other)) continue;
    if (other.data.code !== from && other.data.into !== from) continue;
    if (other.data.code === from) {
      other.localId = tagGroup(to);
      other.data = { ...other.data, code: to };
    }
    if (other.data.into === from) other.data = { ...other.data, into: to };
    await t.put('queue', other);
  }
  await rewriteMemos(t, from, to);
}

/** Every tag item on this device (open and recently sent), in the order they were made. */
export const tagItems = (db) => db.read(['queue'], (t) => t.allWithPrefix('queue', 'localId', TAG_GROUPS));

/** The reader's "retry" on a tag's refused change: it goes again, with a new Idempotency-Key. */
export function retryTag(db, group, env) {
  return writeQueue(db, async (t) => {
    for (const item of await itemsOf(t, group)) {
      if (item.status !== Q.FAILED) continue;
      Object.assign(item, { status: Q.PENDING, idempotencyKey: env.uuid(), attempts: 0, nextAttemptAt: 0, sent: null, error: null, updatedAt: env.now() });
      await t.put('queue', item);
    }
  });
}

/**
 * The reader's "discard": the refused changes of the tag are dropped and the server's tag shows again. A refused
 * create takes the tag with it: its later changes, merges into it, and the tag on the memos that carried it (the
 * memos themselves stay and go without it).
 */
export function discardTag(db, group) {
  return writeQueue(db, async (t) => {
    const items = await itemsOf(t, group);
    const failedCreate = items.find((i) => i.status === Q.FAILED && i.data.op === 'CREATE');
    if (failedCreate) {
      const code = failedCreate.data.code;
      for (const item of items) await t.delete('queue', item.seq);
      for (const other of await t.all('queue')) {
        if (isTagItem(other) && other.data.into === code && other.status !== Q.SUCCESS) await t.delete('queue', other.seq);
      }
      await rewriteMemos(t, code, null);
      return;
    }
    for (const item of items) if (item.status === Q.FAILED) await t.delete('queue', item.seq);
  });
}

/** The calm state of a tag's changes: failed (with the refusal), pending (still to be sent), or null. */
function tagState(items) {
  const failed = items.find((i) => i.status === Q.FAILED);
  if (failed) return { state: 'failed', error: failed.error, group: failed.localId, op: failed.data.op };
  const open = items.find((i) => i.status !== Q.SUCCESS);
  return open ? { state: 'pending', group: open.localId, op: open.data.op } : null;
}

/**
 * The reader's own tags ({code, name, category}, the server's or the remembered list) with this device's tag changes
 * on top, in the order they were made, each changed tag with its `offlineState`. Open changes always apply; sent
 * ones only on a list older than their answer (`listedAt`). A refused change shows on its tag, which stays as the
 * server has it (a refused delete or merge leaves it there; a refused rename of a tag deleted elsewhere shows the tag
 * as it was seen, so the refusal is never lost).
 */
export function overlayTags(base, items, { listedAt = null } = {}) {
  const tags = new Map(base.map((tag) => [tag.code, { ...tag }]));
  const mine = new Map();
  for (const item of [...items].filter(isTagItem).sort((a, b) => a.seq - b.seq)) {
    const { op, code, body = {}, into } = item.data;
    const sent = item.status === Q.SUCCESS;
    if (sent && (listedAt == null || item.updatedAt <= listedAt)) continue;
    if (!sent) mine.set(code, [...(mine.get(code) ?? []), item]);
    if (item.status === Q.FAILED) {
      if (!tags.has(code)) tags.set(code, { code, name: item.data.name ?? body.name ?? code, category: item.data.category ?? body.category ?? 'TYPE' });
      continue;
    }
    if (op === 'CREATE') {
      const created = sent && item.result?.code ? item.result : { code, name: body.name, category: body.category };
      tags.set(created.code, { code: created.code, name: created.name, category: created.category });
    } else if (op === 'EDIT') {
      const tag = tags.get(code);
      if (tag) tags.set(code, { ...tag, ...(body.name !== undefined ? { name: body.name } : {}), ...(body.category !== undefined ? { category: body.category } : {}) });
    } else if (op === 'MERGE' || op === 'DELETE') {
      tags.delete(code);
      // The target shows the merge as waiting too: its memos are about to grow.
      if (op === 'MERGE' && !sent && into) mine.set(into, [...(mine.get(into) ?? []), item]);
    }
  }
  return [...tags.values()].map((tag) => {
    const state = mine.has(tag.code) ? tagState(mine.get(tag.code)) : null;
    return state ? { ...tag, offlineState: state } : tag;
  });
}
