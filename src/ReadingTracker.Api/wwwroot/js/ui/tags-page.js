// One tag across all days (#/tag/{code}): every memo carrying it, newest first, a page at a time with a
// "Load more" button, grouped under the day each was written. Cards are the flow's memo cards (edit, delete).
// Offline it shows the last copy of its first page (cached when online), and memos written on this device that carry
// the tag show at once, sent or not; a tag created offline (a temporary code) has only those.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, qs } from '../api.js';
import { offline, cachedGet } from '../offline/current.js';
import { formatDateLong } from '../time.js';
import { tagLabel, TAGS } from '../tags.js';
import { ownTag, loadOwnTags } from '../own-tags.js';
import { heading, errorBox, loading } from './common.js';
import { memoCard } from './memo-card.js';

export const titleKey = 'tagPage.title';
export const requiresAuth = () => true;

/** Memos asked for at a time; the server caps a page at its own maximum. */
export const PAGE = 30;

const isKnown = (code) => Boolean(ownTag(code)) || TAGS.TYPE.includes(code) || TAGS.TOPIC.includes(code);

/** The server's code a temporary one (a tag created offline) was given, once its create was answered; else null. */
async function serverCode(temp) {
  const items = (await offline()?.db.read(['queue'], (tx) => tx.allWithPrefix('queue', 'localId', 'tag-'))) ?? [];
  return items.find((i) => i.data?.tempCode === temp && i.data.code !== temp)?.data.code ?? null;
}

/** The server's memos of the tag with this device's memos carrying it merged in (unsent ones, local edits), newest first. */
async function withLocal(code, listed) {
  const c = offline();
  if (!c) return listed;
  const locals = (await c.repository.allLocal()).filter((m) => m.tags?.includes(code) || listed.some((s) => s.id != null && s.id === m.serverId));
  if (!locals.some((m) => m.syncStatus !== 'synced' || m.deleted)) return listed;
  const { mergeMemos } = await import('../offline/memo-merge.js');
  return mergeMemos(locals, listed).filter((m) => m.tags?.includes(code)).reverse();
}

export async function render(main, where, ctx) {
  const code = decodeURIComponent(where.id ?? '');
  await loadOwnTags();
  if (!ctx.isCurrent()) return;
  const back = h('p', {}, h('a', { href: '#/tags' }, t('tagPage.back')));
  // A tag created offline whose create was answered meanwhile: its page is the server code's now.
  const movedTo = !isKnown(code) && code.startsWith('local-tag-') ? await serverCode(code) : null;
  if (movedTo && ctx.isCurrent()) {
    location.replace(`#/tag/${encodeURIComponent(movedTo)}`);
    return;
  }
  // A code this page does not know yet may be a tag made since its list was read (elsewhere, or just named by a
  // sync): the list is read again once before the page says there is no such tag.
  if (code && !isKnown(code) && !movedTo) await loadOwnTags({ force: true });
  if (!ctx.isCurrent()) return;
  if (!code || !isKnown(code)) {
    main.append(back, heading(t('tagPage.title')), h('p', { class: 'empty' }, t('tagPage.unknown')));
    return;
  }
  const name = tagLabel(code);
  const list = h('section', { class: 'tag-memos', 'aria-label': t('tags.memosOf', { name }), tabindex: '-1' });
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'btn-secondary', hidden: true }, t('tagPage.more'));
  let memos = [];
  let cursor = null;
  let fromCache = false;
  const temporary = code.startsWith('local-tag-');

  function draw() {
    status.textContent = [memos.length ? t('tagPage.shown', { count: memos.length }) : t('tagPage.empty'), fromCache ? t('tagsOffline.cached') : null]
      .filter(Boolean).join(' · ');
    const days = new Map();
    for (const memo of memos) {
      const day = memo.memoStartTime.slice(0, 10);
      if (!days.has(day)) days.set(day, []);
      days.get(day).push(memo);
    }
    list.replaceChildren(...[...days].map(([day, ofDay]) => h('section', { class: 'tag-day', 'aria-label': t('tagPage.memosOn', { date: formatDateLong(day) }) },
      h('h2', {}, formatDateLong(day)),
      ofDay.map((memo) => h('div', {}, h('p', { class: 'muted book-of-memo' }, memo.bookTitle), memoCard(memo, { onChanged: () => reload() }))))));
    more.hidden = !cursor;
  }

  async function next() {
    if (temporary) return; // not on the server yet: only this device's memos carry it
    const path = `/memos/tags/${encodeURIComponent(code)}${qs({ limit: PAGE, cursor })}`;
    const fetcher = () => api.get(path, { envelope: true });
    // The first page is kept for offline use; the later ones are asked for only online.
    const read = cursor == null ? await cachedGet(path, fetcher) : { data: await fetcher(), offline: false };
    fromCache = read.offline;
    memos = [...memos, ...(read.data?.data ?? [])];
    cursor = read.data?.nextCursor ?? null;
  }

  async function reload() {
    memos = [];
    cursor = null;
    try {
      await next();
      memos = await withLocal(code, memos);
    } catch (error) {
      list.replaceChildren(errorBox(error, reload));
      return;
    }
    if (ctx.isCurrent()) draw();
  }

  more.addEventListener('click', async () => {
    const firstNew = memos.length;
    more.disabled = true;
    try {
      await next();
      draw();
      // Keyboard and screen-reader users continue at the first memo that arrived.
      list.querySelectorAll('article')[firstNew]?.querySelector('button')?.focus();
    } catch (error) {
      status.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  });

  main.append(back, heading(t('tagPage.heading', { name })), status, loading());
  await reload();
  if (!ctx.isCurrent()) return;
  main.querySelector('.loading')?.replaceWith(list);
  main.append(h('div', { class: 'actions' }, more));
}
