// The dialogs of the reading life cycle: add to shelf, start reading, finish reading, close the book.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { shelfApi } from '../shelf-service.js';
import { today } from '../time.js';
import { openDialog, confirmDialog } from './dialog.js';
import { field, formAlert, showError, busy, values, ratingField, clearErrors } from './form.js';
import { shelfFields, purchaseOptions } from './shelf-fields.js';

/** A dialog holding a form; submit runs send(form) and closes with its result, errors stay in place. */
function formDialog({ title, submitLabel, children, send }) {
  return openDialog({
    title,
    build: (close) => {
      const submit = h('button', { type: 'submit', class: 'btn-primary' }, submitLabel);
      const form = h('form', { class: 'form', novalidate: true }, formAlert(), ...children,
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

/** Add a searched book to the shelf; resolves with the add response or null. */
export function addToShelfDialog(book) {
  const fields = shelfFields(book.totalPages);
  return formDialog({
    title: t('book.addTitle', { title: book.title }),
    submitLabel: t('book.addSubmit'),
    children: [fields.element],
    send: async (form) => {
      const chosen = fields.read(form);
      if (!chosen) return undefined;
      return shelfApi.post('/user/books', {
        isbn: book.isbn, title: book.title, author: book.author || '-', publisher: book.publisher, description: book.description,
        coverUrl: book.coverUrl, totalPages: book.totalPages, mainGenre: book.mainGenre, pubDate: book.pubDate, ...chosen,
      });
    },
  });
}

export function startReadingDialog(entry) {
  return formDialog({
    title: t('book.startTitle'),
    submitLabel: t('book.startSubmit'),
    children: [
      field({ label: t('field.startDate'), name: 'readingStartDate', type: 'date', value: today() }),
      field({ label: t('field.progress'), name: 'readingProgress', type: 'number', value: String(entry.readingProgress ?? 0), attrs: { min: '0', max: entry.totalPages ?? null } }),
      field({ label: t('field.purchaseType'), name: 'purchaseType', tag: 'select', value: entry.purchaseType ?? '', options: purchaseOptions() }),
    ],
    send: (form) => {
      const v = values(form);
      return shelfApi.post(`/user/books/${entry.userBookId}/start-reading`, {
        readingStartDate: v.readingStartDate, readingProgress: v.readingProgress == null ? null : Number(v.readingProgress), purchaseType: v.purchaseType,
      });
    },
  });
}

function finishFields() {
  return [
    field({ label: t('field.finishDate'), name: 'readingFinishedDate', type: 'date', value: today() }),
    ratingField({ label: t('field.rating') }),
    field({ label: t('field.review'), name: 'review', tag: 'textarea', attrs: { maxlength: '5000', rows: '3' } }),
  ];
}

export function finishReadingDialog(entry) {
  return formDialog({
    title: t('book.finishTitle'),
    submitLabel: t('book.finishSubmit'),
    children: finishFields(),
    send: (form) => {
      const v = values(form);
      return shelfApi.post(`/user/books/${entry.userBookId}/finish-reading`, {
        readingFinishedDate: v.readingFinishedDate, rating: v.rating == null ? null : Number(v.rating), review: v.review,
      });
    },
  });
}

/**
 * Close the book at the end of a session: the page reached, and — when that is the last page — the
 * finish date, rating and review the server then requires. entries: the shelf entries to choose from;
 * proposedPage(entry): the page to propose (the session's highest), else the stored progress is.
 */
export function closeBookDialog(entries, selectedId, { proposedPage } = {}) {
  const book = field({
    label: t('field.book'), name: 'userBookId', tag: 'select', value: selectedId ?? entries[0]?.userBookId,
    options: entries.map((e) => [e.userBookId, e.title]),
  });
  const page = field({ label: t('field.lastReadPage'), name: 'lastReadPage', type: 'number', attrs: { min: '1', inputmode: 'numeric', required: true } });
  const finish = h('fieldset', { class: 'finish-fields', hidden: true }, h('legend', {}, t('close.finishLegend')), ...finishFields());
  const selected = () => entries.find((e) => String(e.userBookId) === book.control.value);
  const update = () => {
    const entry = selected();
    const total = entry?.totalPages;
    page.hintEl?.remove();
    page.control.max = total ?? '';
    const proposal = proposedPage?.(entry) ?? entry?.readingProgress;
    if (!page.control.value && proposal) page.control.value = String(proposal);
    finish.hidden = !(total && Number(page.control.value) >= total);
  };
  book.control.addEventListener('change', () => { page.control.value = ''; update(); });
  page.control.addEventListener('input', update);
  update();
  return formDialog({
    title: t('close.title'),
    submitLabel: t('close.submit'),
    children: [book, page, finish],
    send: (form) => {
      const v = values(form);
      const body = { lastReadPage: v.lastReadPage == null ? null : Number(v.lastReadPage) };
      if (!finish.hidden) Object.assign(body, { readingFinishedDate: v.readingFinishedDate, rating: v.rating == null ? null : Number(v.rating), review: v.review });
      return shelfApi.post(`/memos/books/${v.userBookId}/close`, body).then((r) => ({ ...r, userBookId: /^\d+$/.test(String(v.userBookId)) ? Number(v.userBookId) : v.userBookId }));
    },
  });
}

// --- client-notebook: progress from a shelf card, the finished book's rating and review, "finish this book?" ---

/** The last page reached: asks whether the book is finished and, if so, takes its finish details. */
export async function offerFinish(entry, { title = t('book.finishAsk'), message = t('book.finishAskText') } = {}) {
  const yes = await confirmDialog({ title, message, confirmLabel: t('book.finishSubmit') });
  return yes ? finishReadingDialog(entry) : null;
}

/** Pages read, from a shelf card. The last page asks to finish instead (the server needs the finish details). */
export function progressDialog(entry) {
  const total = entry.totalPages;
  return formDialog({
    title: t('shelf.progressTitle', { title: entry.title }),
    submitLabel: t('common.save'),
    children: [field({
      label: t('field.progress'), name: 'readingProgress', type: 'number', value: String(entry.readingProgress ?? 0),
      hint: total ? t('field.progressOf', { total }) : null, attrs: { min: '0', max: total ?? null, inputmode: 'numeric', required: true },
    })],
    send: async (form) => {
      const pages = Number(values(form).readingProgress);
      if (!Number.isInteger(pages) || pages < 0 || (total && pages > total)) {
        const reason = total ? t('memo.pageTooHigh', { total }) : t('form.fix');
        throw new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: t('form.fix'), fields: [{ name: 'readingProgress', reason }] });
      }
      if (total && pages === total) return { finish: true };
      return shelfApi.put(`/user/books/${entry.userBookId}`, { readingProgress: pages });
    },
  });
}

/** A finished book's rating and review, editable after the fact. */
export function finishDetailsDialog(entry) {
  return formDialog({
    title: t('book.editFinishTitle', { title: entry.title }),
    submitLabel: t('common.save'),
    children: [
      field({ label: t('field.finishDate'), name: 'readingFinishedDate', type: 'date', value: entry.readingFinishedDate ?? today() }),
      ratingField({ label: t('field.rating'), value: entry.rating }),
      field({ label: t('field.review'), name: 'review', tag: 'textarea', value: entry.review ?? '', attrs: { maxlength: '5000', rows: '4' } }),
    ],
    send: (form) => {
      const v = values(form);
      return shelfApi.put(`/user/books/${entry.userBookId}`, {
        readingFinishedDate: v.readingFinishedDate, rating: v.rating == null ? null : Number(v.rating), review: v.review ?? '',
      });
    },
  });
}
