// The memo composer, built for writing fast: the text first (it takes the focus), book and page compact above it,
// then when (new memos: the shown day, now by default) and the tags, optional and folded away on phones. The
// chips are one Tab stop (tag-chips.js); Ctrl/Cmd+Enter saves, Esc cancels (asking first when text would be
// lost), and a new memo's text is kept as a draft per book (memo-drafts.js) until it is saved or discarded.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { tagLabel, tagCategoryOf } from '../tags.js';
import { createMemo, updateMemo, newDraft } from '../memos-service.js';
import { nowWire, today, formatDateTime } from '../time.js';
import { field, formAlert, showError, busy, clearErrors } from './form.js';
import { confirmDialog } from './dialog.js';
import { tagChips } from './tag-chips.js';
import { readDraft, writeDraft, clearDraft } from './memo-drafts.js';

export const MAX_CONTENT = 5000;

/** Phones fold the tags away: the text and the save button stay on the first screen. */
const narrow = () => window.matchMedia?.('(max-width: 720px)').matches ?? false;

/** "yyyy-MM-ddTHH:mm:ss" of a new memo on `day`: now, or on a past day that day at the current time. */
function defaultStart(day) {
  const now = nowWire();
  return !day || day === today() ? now : `${day}T${now.slice(11)}`;
}

/**
 * memo: the memo to edit, or null to write one on one of `books` (shelf entries), on `day` ("yyyy-MM-dd", null for
 * today); totalPages: the edited memo's book length. onSaved(memo) after a save; onCancel() after a cancel; onBookChange(id) when a new memo's book changes.
 * Returns the form; the caller places it and focuses its textarea (the text comes first).
 */
export function memoEditor({ memo, books = [], bookId, totalPages, day = null, onSaved, onCancel, onBookChange }) {
  const draft = memo ? null : newDraft();
  const titleId = uid('editor');
  const book = memo ? null : field({
    label: t('field.book'), name: 'userBookId', tag: 'select',
    value: books.some((b) => String(b.userBookId) === String(bookId)) ? bookId : books[0]?.userBookId,
    options: books.map((b) => [b.userBookId, b.title]),
  });
  const selectedBook = () => books.find((b) => String(b.userBookId) === book?.control.value);
  const saved = memo ? null : readDraft(book.control.value);
  const startPage = memo?.pageNumber ?? saved?.pageNumber ?? Math.max(1, selectedBook()?.readingProgress ?? 1);
  const page = field({ label: t('field.page'), name: 'pageNumber', type: 'number', value: String(startPage), attrs: { min: '1', required: true, inputmode: 'numeric' } });
  const pageMax = () => { page.control.max = selectedBook()?.totalPages ?? ''; };
  pageMax();

  const initialTags = memo ? (memo.tags ?? []).map((code) => ({ code, category: tagCategoryOf(code) })) : saved?.tags ?? [];
  const chips = tagChips({ chosen: initialTags, label: t('memo.tags') });
  const tagsPanel = h('div', { id: uid('tags'), class: 'composer-tags' }, chips.element);
  const tagsToggle = h('button', { type: 'button', class: 'btn-link composer-tags-toggle', 'aria-controls': tagsPanel.id });
  const showTags = (open) => {
    tagsPanel.hidden = !open;
    tagsToggle.setAttribute('aria-expanded', String(open));
  };
  const labelTags = () => {
    const picked = chips.chosen().map((c) => tagLabel(c.code, c.category));
    tagsToggle.textContent = picked.length ? `${t('composer.tags')}: ${picked.join(', ')}` : t('composer.tagsNone');
  };
  tagsToggle.addEventListener('click', () => showTags(tagsPanel.hidden));
  showTags(!narrow() || (memo != null && initialTags.length > 0));
  labelTags();

  const initialContent = memo?.content ?? saved?.content ?? '';
  const content = field({ label: t('field.content'), name: 'content', tag: 'textarea', value: initialContent, attrs: { maxlength: String(MAX_CONTENT), rows: '5', required: true } });
  const counter = h('p', { class: 'counter', id: uid('counter') });
  content.control.setAttribute('aria-describedby', `${content.control.getAttribute('aria-describedby')} ${counter.id}`);
  const count = () => {
    const n = content.control.value.length;
    counter.textContent = t('memo.counter', { n, max: MAX_CONTENT });
    counter.classList.toggle('near-limit', n > MAX_CONTENT - 200);
  };
  count();

  // When: the shown day at the current time, rarely changed, so it is a button until the reader asks for the
  // field (the date-time field alone would be six Tab stops between the text and Save).
  const initialStart = memo ? null : defaultStart(day);
  const when = memo ? null : field({
    label: t('composer.when'), name: 'memoStartTime', type: 'datetime-local', value: initialStart.slice(0, 16), attrs: { step: '60', required: true },
  });
  const whenToggle = memo ? null : h('button', { type: 'button', class: 'btn-link composer-when-toggle', 'aria-controls': when.control.id });
  const labelWhen = () => {
    const text = when.control.value ? formatDateTime(`${when.control.value}:00`) : t('composer.when');
    whenToggle.replaceChildren(h('span', { 'aria-hidden': 'true' }, '🕒 '), text, h('span', { class: 'sr-only' }, `, ${t('composer.whenChange')}`));
  };
  const showWhen = (open) => {
    when.hidden = !open;
    whenToggle.setAttribute('aria-expanded', String(open));
  };
  if (when) {
    labelWhen();
    showWhen(false);
    when.control.addEventListener('input', labelWhen);
    whenToggle.addEventListener('click', () => {
      showWhen(when.hidden);
      if (!when.hidden) when.control.focus();
    });
  }

  const input = () => ({
    pageNumber: Number(page.control.value) || null,
    content: content.control.value,
    tags: chips.chosen().map((c) => c.code),
    tagCategory: chips.chosen()[0]?.category ?? 'TYPE',
  });
  const keepDraft = () => {
    if (!memo) writeDraft(book.control.value, { content: content.control.value, pageNumber: input().pageNumber, tags: chips.chosen() });
  };
  content.control.addEventListener('input', () => { count(); keepDraft(); });
  page.control.addEventListener('input', keepDraft);
  chips.onChange(() => { labelTags(); keepDraft(); });
  // Changing the book carries the text along: the draft moves with it.
  let draftBook = book?.control.value;
  book?.control.addEventListener('change', () => {
    clearDraft(draftBook);
    draftBook = book.control.value;
    page.control.value = String(Math.max(1, selectedBook()?.readingProgress ?? 1));
    pageMax();
    keepDraft();
    onBookChange?.(Number(book.control.value));
  });

  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('common.save'));
  const cancel = h('button', { type: 'button', class: 'btn-secondary' }, t('common.cancel'));
  const form = h('form', { class: 'card form memo-editor', novalidate: true, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, memo ? t('memo.editTitle') : t('memo.writeTitle')),
    formAlert(),
    h('div', { class: 'composer-meta' }, book, page),
    content, counter,
    h('div', { class: 'composer-more' }, whenToggle, tagsToggle), when,
    tagsPanel,
    h('div', { class: 'actions' }, cancel, submit, h('span', { class: 'hint composer-keys' }, t('composer.keys'))));

  /** Text that a cancel would lose: typed here and different from what the editor opened with. */
  const unsaved = () => content.control.value.trim() !== '' && content.control.value !== (memo?.content ?? '');
  async function tryCancel() {
    if (unsaved() && !(await confirmDialog({ title: t('composer.discardTitle'), message: t('composer.discardText'), confirmLabel: t('composer.discard'), danger: true }))) {
      content.control.focus();
      return;
    }
    if (!memo) clearDraft(book.control.value);
    onCancel?.();
  }
  cancel.addEventListener('click', tryCancel);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(submit);
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      tryCancel();
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = input();
    const fields = [];
    if (!values.content.trim()) fields.push({ name: 'content', reason: t('memo.contentRequired') });
    const total = selectedBook()?.totalPages ?? totalPages;
    if (total && values.pageNumber > total) fields.push({ name: 'pageNumber', reason: t('memo.pageTooHigh', { total }) });
    if (when && !when.control.value) fields.push({ name: 'memoStartTime', reason: t('composer.whenRequired') });
    if (fields.length) {
      if (fields.some((f) => f.name === 'memoStartTime')) showWhen(true);
      showError(form, { message: t('form.fix'), fields });
      return;
    }
    if (when) {
      // Untouched, the time keeps its seconds, so memos written within a minute keep their order.
      draft.memoStartTime = when.control.value === initialStart.slice(0, 16) ? initialStart : `${when.control.value.slice(0, 16)}:00`;
    }
    busy(submit, async () => {
      try {
        const result = memo ? await updateMemo(memo, values) : await createMemo(draft, { ...values, userBookId: Number(book.control.value), bookTitle: selectedBook()?.title });
        if (!memo) clearDraft(book.control.value);
        onSaved?.(result);
      } catch (error) {
        if (error.fields?.some((f) => f.name === 'tags')) showTags(true);
        if (when && error.fields?.some((f) => f.name === 'memoStartTime')) showWhen(true);
        showError(form, error);
      }
    });
  });
  return form;
}
