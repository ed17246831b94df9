// One memo in the today flow: time, page, sync state, tags and text, with edit in place, delete, the earlier
// versions, and retry / discard when the server refused it. onChanged() runs after a save or a delete.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { formatTime } from '../time.js';
import { tagLabel } from '../tags.js';
import { deleteMemo, retryMemo, discardMemo } from '../memos-service.js';
import { mergeArrays, LIST_PAGE } from '../paged.js';
import { syncBadge, offlineText } from '../offline/labels.js';
import { memoEditor } from './memo-editor.js';
import { confirmDialog } from './dialog.js';
import { toast } from './toast.js';

// A card can be drawn before the reader's own tags are known: right after a sync gave a tag created offline its server
// code (the memo carries it at once; the list that names it arrives a moment later). Every card's tags follow the list.
window.addEventListener('rt:tags-changed', () => {
  for (const chip of document.querySelectorAll('li.tag[data-tag-code]')) chip.textContent = tagLabel(chip.dataset.tagCode);
});

/** Earlier versions of a memo (last writer wins; what it overwrote stays readable here). */
function historyToggle(memo, name) {
  const words = offlineText(lang());
  const box = h('ol', { class: 'memo-history', hidden: true, 'aria-label': `${words.history}: ${name}` });
  const button = h('button', { type: 'button', class: 'btn-link', 'aria-expanded': 'false', 'aria-label': `${words.history}: ${name}` }, words.history);
  button.addEventListener('click', async () => {
    const open = box.hidden;
    box.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    try {
      const versions = await api.all(`/memos/${memo.id}/history`, mergeArrays, LIST_PAGE);
      box.replaceChildren(...(versions.length ? versions.map((v) => h('li', {}, h('span', { class: 'muted' }, `v${v.version} · ${formatTime(v.editedAt)} · p.${v.pageNumber} `), v.content))
        : [h('li', { class: 'muted' }, words.historyEmpty)]));
    } catch (error) {
      box.replaceChildren(h('li', { role: 'alert' }, error.message));
    }
  });
  return h('div', { class: 'history' }, button, box);
}

/** totalPages: the book's length, so an edit past it is refused in the editor; onChanged(saved) gets the saved memo after an edit. */
export function memoCard(memo, { onChanged, totalPages }) {
  const time = formatTime(memo.memoStartTime);
  const name = t('memo.named', { time, page: memo.pageNumber });
  const words = offlineText(lang());
  const badge = syncBadge(memo.syncStatus, lang(), memo.error);
  const failed = memo.syncStatus === 'failed';
  const card = h('article', { class: 'card memo', 'aria-label': name, 'data-sync': memo.syncStatus ?? 'synced', 'data-memo-id': memo.id ?? null },
    h('header', { class: 'memo-head' },
      h('time', { datetime: memo.memoStartTime }, time),
      h('span', { class: 'page' }, `p.${memo.pageNumber}`),
      badge ? h('span', { class: `sync-badge sync-${badge.kind}`, role: 'img', 'aria-label': badge.label, title: badge.label }, badge.icon) : null,
      h('ul', { class: 'tag-list', 'aria-label': t('memo.tags') }, memo.tags.map((code) => h('li', { class: 'tag', 'data-tag-code': code }, tagLabel(code))))),
    h('p', { class: 'memo-content' }, memo.content),
    failed ? h('p', { class: 'sync-error', role: 'alert' }, [badge?.label ?? words.failed, memo.error?.message].filter(Boolean).join(': ')) : null,
    memo.conflict ? h('p', { class: 'muted' }, words.conflict) : null,
    memo.id != null && (memo.version > 1 || memo.conflict) ? historyToggle(memo, name) : null,
    failed ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn-secondary btn-small', 'aria-label': `${words.retry}: ${name}`, onClick: () => answerRefusal(retryMemo) }, words.retry),
      h('button', { type: 'button', class: 'btn-secondary btn-small danger', 'aria-label': `${words.discard}: ${name}`, onClick: () => answerRefusal(discardMemo) }, words.discard)) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn-link', 'aria-label': t('memo.editNamed', { name }), onClick: () => edit() }, `✏️ ${t('common.edit')}`),
      h('button', { type: 'button', class: 'btn-link danger', 'aria-label': t('memo.deleteNamed', { name }), onClick: () => remove() }, `🗑️ ${t('common.delete')}`)));

  function edit() {
    const editor = memoEditor({
      memo,
      totalPages,
      onCancel: () => {
        editor.replaceWith(card);
        card.querySelector('button')?.focus();
      },
      onSaved: async (saved) => {
        toast(saved.conflict ? t('memo.savedConflict') : t('memo.saved'), saved.conflict ? 'error' : 'success');
        await onChanged(saved);
      },
    });
    card.replaceWith(editor);
    editor.querySelector('textarea')?.focus();
  }

  /** Retry or discard: the screen is drawn again at once, so the failure it showed never outlives the answer. */
  async function answerRefusal(answer) {
    try {
      await answer(memo);
      await onChanged();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function remove() {
    const yes = await confirmDialog({ title: t('memo.deleteTitle'), message: t('memo.deleteText'), confirmLabel: t('common.delete'), danger: true });
    if (!yes) return;
    try {
      const answer = await deleteMemo(memo);
      toast(answer.message, 'success');
      await onChanged();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  return card;
}
