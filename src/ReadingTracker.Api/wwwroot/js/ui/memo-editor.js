// The memo editor: book (when writing), page, tag chips of both categories, and content ≤ 5000 with a counter.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { tagLabel, tagCodes, tagCategoryOf } from '../tags.js';
import { createMemo, updateMemo, newDraft } from '../memos-service.js';
import { field, formAlert, showError, busy, clearErrors } from './form.js';

export const MAX_CONTENT = 5000;

/** memo: the memo to edit, or null to write one on one of `books` (shelf entries). */
export function memoEditor({ memo, books = [], bookId, onSaved, onCancel }) {
  const draft = memo ? null : newDraft();
  const titleId = uid('editor');
  const book = memo ? null : field({
    label: t('field.book'), name: 'userBookId', tag: 'select', value: bookId ?? books[0]?.userBookId,
    options: books.map((b) => [b.userBookId, b.title]),
  });
  const selectedBook = () => books.find((b) => String(b.userBookId) === book?.control.value);
  const startPage = memo?.pageNumber ?? Math.max(1, selectedBook()?.readingProgress ?? 1);
  const page = field({ label: t('field.page'), name: 'pageNumber', type: 'number', value: String(startPage), attrs: { min: '1', required: true, inputmode: 'numeric' } });
  book?.control.addEventListener('change', () => { page.control.value = String(Math.max(1, selectedBook()?.readingProgress ?? 1)); });

  // Chips are toggle buttons; the selection keeps the order of clicks (the first one's category leads).
  const chosen = (memo?.tags ?? []).map((code) => ({ code, category: tagCategoryOf(code) }));
  const chipGroup = (category) => h('fieldset', { class: 'chips' }, h('legend', {}, t(`tagCategory.${category}`)),
    tagCodes(category).map((code) => {
      const on = () => chosen.some((c) => c.code === code && c.category === category);
      const chip = h('button', { type: 'button', class: 'chip', 'aria-pressed': String(on()) }, tagLabel(code, category));
      chip.addEventListener('click', () => {
        const i = chosen.findIndex((c) => c.code === code && c.category === category);
        if (i >= 0) chosen.splice(i, 1);
        else chosen.push({ code, category });
        chip.setAttribute('aria-pressed', String(on()));
      });
      return chip;
    }));

  const content = field({ label: t('field.content'), name: 'content', tag: 'textarea', value: memo?.content ?? '', attrs: { maxlength: String(MAX_CONTENT), rows: '6', required: true } });
  const counter = h('p', { class: 'counter', id: uid('counter') });
  content.control.setAttribute('aria-describedby', `${content.control.getAttribute('aria-describedby')} ${counter.id}`);
  const count = () => {
    const n = content.control.value.length;
    counter.textContent = t('memo.counter', { n, max: MAX_CONTENT });
    counter.classList.toggle('near-limit', n > MAX_CONTENT - 200);
  };
  content.control.addEventListener('input', count);
  count();

  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('common.save'));
  const form = h('form', { class: 'card form memo-editor', novalidate: true, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, memo ? t('memo.editTitle') : t('memo.writeTitle')),
    formAlert(), book, page, chipGroup('TYPE'), chipGroup('TOPIC'), content, counter,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn-secondary', onClick: () => onCancel?.() }, t('common.cancel')), submit));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const text = content.control.value;
    if (!text.trim()) {
      showError(form, { message: t('form.fix'), fields: [{ name: 'content', reason: t('memo.contentRequired') }] });
      return;
    }
    const input = {
      pageNumber: Number(page.control.value) || null,
      content: text,
      tags: chosen.map((c) => c.code),
      tagCategory: chosen[0]?.category ?? 'TYPE',
    };
    busy(submit, async () => {
      try {
        const saved = memo ? await updateMemo(memo, input) : await createMemo(draft, { ...input, userBookId: Number(book.control.value), bookTitle: selectedBook()?.title });
        onSaved?.(saved);
      } catch (error) {
        showError(form, error);
      }
    });
  });
  return form;
}
