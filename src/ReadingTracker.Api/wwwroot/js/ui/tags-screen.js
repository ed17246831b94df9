// "My tags" (#/tags): the reader's own tags beside the built-in ones. Create one (name + Type or Topic),
// edit its name or category, merge it into another tag, delete it — each in a dialog, each refusal shown in
// place with the server's reason. Every tag's name links to its tag page (#/tag/{code}). Offline, each change is
// queued and shows at once, with its state (waiting; refused, with the reason, retry and discard).
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { href } from '../router.js';
import { TAGS, tagLabel } from '../tags.js';
import { ownTags, loadOwnTags, ownTagWrites, answerRefusal } from '../own-tags.js';
import { syncBadge, offlineText } from '../offline/labels.js';
import { heading, loading } from './common.js';
import { field, formAlert, showError, busy, clearErrors } from './form.js';
import { openDialog, confirmDialog } from './dialog.js';
import { toast } from './toast.js';

export const titleKey = 'tags.title';
export const requiresAuth = () => true;

const CATEGORIES = ['TYPE', 'TOPIC'];
const MAX_NAME = 30;
const categoryOptions = () => CATEGORIES.map((c) => [c, t(`tagCategory.${c}`)]);

/** Refuses an empty or over-long name before it goes out; the server's own reasons show the same way. */
function checkName(form, name) {
  const trimmed = name.trim();
  if (trimmed.length >= 1 && trimmed.length <= MAX_NAME) return trimmed;
  showError(form, { message: t('form.fix'), fields: [{ name: 'name', reason: t('tags.nameRequired') }] });
  return null;
}

function createForm(onDone) {
  const name = field({ label: t('tags.name'), name: 'name', hint: t('tags.nameHint'), attrs: { maxlength: String(MAX_NAME), required: true, autocomplete: 'off' } });
  const category = field({ label: t('tags.category'), name: 'category', tag: 'select', value: 'TOPIC', options: categoryOptions() });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('tags.create'));
  const form = h('form', { class: 'card form tags-new', novalidate: true, 'aria-labelledby': 'tags-new' },
    h('h2', { id: 'tags-new' }, t('tags.new')), formAlert(), name, category, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = checkName(form, name.control.value);
    if (value == null) return;
    busy(submit, async () => {
      try {
        const answer = await ownTagWrites.create(value, category.control.value);
        toast(answer?.queued ? t('tagsOffline.queued') : t('tags.created', { name: value }), 'success');
        name.control.value = '';
        await onDone();
        form.querySelector('input')?.focus();
      } catch (error) {
        // A server from before own tags has no such route: say so, not "not found".
        showError(form, error.status === 404 || error.status === 405 ? { message: t('tags.unavailable') } : error);
      }
    });
  });
  return form;
}

/** A dialog with one form; `send(values)` may reject with an ApiError, shown in the form. */
function formDialog({ title, fields, submitLabel, danger = false, intro, send }) {
  return openDialog({
    title,
    build: (close) => {
      const submit = h('button', { type: 'submit', class: danger ? 'btn-danger' : 'btn-primary' }, submitLabel);
      const form = h('form', { class: 'form', novalidate: true }, formAlert(), intro ? h('p', {}, intro) : null, fields,
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn-secondary', onClick: () => close(null) }, t('common.cancel')), submit));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearErrors(form);
        busy(submit, async () => {
          try {
            const result = await send(form);
            if (result !== undefined) close(result);
          } catch (error) {
            showError(form, error);
          }
        });
      });
      return form;
    },
  });
}

async function editTag(tag) {
  const name = field({ label: t('tags.name'), name: 'name', value: tag.name, hint: t('tags.nameHint'), attrs: { maxlength: String(MAX_NAME), required: true, autocomplete: 'off' } });
  const category = field({ label: t('tags.category'), name: 'category', tag: 'select', value: tag.category, options: categoryOptions() });
  return formDialog({
    title: t('tags.editTitle'), fields: [name, category], submitLabel: t('common.save'),
    send: async (form) => {
      const value = checkName(form, name.control.value);
      if (value == null) return undefined;
      const change = {};
      if (value !== tag.name) change.name = value;
      if (category.control.value !== tag.category) change.category = category.control.value;
      return Object.keys(change).length ? ownTagWrites.update(tag.code, change) : true;
    },
  });
}

async function mergeTag(tag) {
  const targets = [
    ...ownTags().filter((o) => o.code !== tag.code).map((o) => [o.code, `${o.name} · ${t(`tagCategory.${o.category}`)}`]),
    ...CATEGORIES.flatMap((c) => TAGS[c].filter((code) => code !== 'etc' || c === 'TYPE').map((code) => [code, `${tagLabel(code, c)} · ${t(`tagCategory.${c}`)}`])),
  ];
  const into = field({ label: t('tags.mergeInto'), name: 'into', tag: 'select', options: targets });
  return formDialog({
    title: t('tags.mergeTitle', { name: tag.name }), intro: t('tags.mergeText', { name: tag.name }), fields: [into], submitLabel: t('tags.merge'),
    send: () => ownTagWrites.merge(tag.code, into.control.value),
  });
}

/** A tag's changes still on this device: a quiet icon while they wait; a refusal with its reason, retry and discard. */
function syncState(tag, redraw) {
  const state = tag.offlineState;
  const badge = syncBadge(state?.state, lang(), state?.error?.status === 400 ? null : state?.error);
  if (!badge) return null;
  const icon = h('span', { class: `sync-badge sync-${badge.kind}`, role: 'img', 'aria-label': badge.label, title: badge.label }, badge.icon);
  if (state.state !== 'failed') return h('span', { class: 'tag-sync', 'data-sync': state.state }, icon, ' ', h('span', { class: 'muted' }, t('tagsOffline.pendingState')));
  const words = offlineText(lang());
  const answer = (retry) => async () => {
    await answerRefusal(state.group, retry);
    await redraw({ fetch: false });
  };
  return h('span', { class: 'tag-sync', 'data-sync': 'failed', role: 'status' }, icon, ' ',
    h('span', {}, `${t(`tagsOffline.failed.${state.op}`)} ${state.error?.message ?? ''}`.trim()), ' ',
    h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: answer(true) }, words.retry), ' ',
    h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: answer(false) }, words.discard));
}

function tagRow(tag, redraw) {
  const act = async (work, done) => {
    try {
      const answer = await work();
      if (answer) {
        toast(answer.queued ? t('tagsOffline.queued') : done, 'success');
        await redraw();
      }
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  return h('li', { class: 'tag-row', dataset: { code: tag.code } },
    h('a', { href: href(`/tag/${encodeURIComponent(tag.code)}`), class: 'tag-name', 'aria-label': t('tags.memosOf', { name: tag.name }) }, tag.name),
    h('span', { class: 'muted' }, t(`tagCategory.${tag.category}`)),
    h('span', { class: 'actions' },
      h('button', { type: 'button', class: 'btn-link', 'aria-label': t('tags.editNamed', { name: tag.name }), onClick: () => act(() => editTag(tag), t('tags.saved')) }, t('common.edit')),
      h('button', { type: 'button', class: 'btn-link', 'aria-label': t('tags.mergeNamed', { name: tag.name }), onClick: () => act(() => mergeTag(tag), t('tags.merged')) }, t('tags.merge')),
      h('button', {
        type: 'button', class: 'btn-link danger', 'aria-label': t('tags.deleteNamed', { name: tag.name }),
        onClick: () => act(async () => {
          const yes = await confirmDialog({ title: t('tags.deleteTitle'), message: t('tags.deleteText', { name: tag.name }), confirmLabel: t('common.delete'), danger: true });
          return yes ? ownTagWrites.remove(tag.code) : false;
        }, t('tags.deleted')),
      }, t('common.delete'))),
    syncState(tag, redraw));
}

function builtInSection() {
  return h('section', { class: 'card', 'aria-labelledby': 'tags-builtin' }, h('h2', { id: 'tags-builtin' }, t('tags.builtIn')),
    CATEGORIES.map((c) => h('div', {}, h('h3', {}, t(`tagCategory.${c}`)),
      h('ul', { class: 'tag-list' }, TAGS[c].map((code) => h('li', { class: 'tag' },
        h('a', { href: href(`/tag/${code}`), 'aria-label': t('tags.memosOf', { name: tagLabel(code, c) }) }, tagLabel(code, c))))))));
}

export async function render(main, where, ctx) {
  const mine = h('section', { class: 'card', 'aria-labelledby': 'tags-mine' });
  async function redraw({ fetch = true } = {}) {
    if (fetch) await loadOwnTags({ force: true });
    if (!ctx.isCurrent()) return;
    const tags = ownTags();
    mine.replaceChildren(...[h('h2', { id: 'tags-mine' }, t('tags.mine')),
      h('p', { class: 'muted', role: 'status' }, tags.length ? t('tags.count', { count: tags.length }) : t('tags.empty')),
      tags.length ? h('ul', { class: 'tag-rows' }, tags.map((tag) => tagRow(tag, redraw))) : null].filter(Boolean));
  }
  main.append(heading(t('tags.title')), h('p', { class: 'lead' }, t('tags.lead')), loading());
  await redraw();
  if (!ctx.isCurrent()) return;
  main.replaceChildren(heading(t('tags.title')), h('p', { class: 'lead' }, t('tags.lead')), createForm(() => redraw()), mine, builtInSection());
  // A queued change sent (or refused) meanwhile: the list is drawn again with its new state.
  const onChange = () => {
    if (!ctx.isCurrent()) window.removeEventListener('rt:tags-changed', onChange);
    else redraw({ fetch: false });
  };
  window.addEventListener('rt:tags-changed', onChange);
}
