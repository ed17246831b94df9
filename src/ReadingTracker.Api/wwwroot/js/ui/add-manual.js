// Add a book by hand when search has nothing: title, author, publisher, pages, and the shelf fields.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { shelfApi } from '../shelf-service.js';
import { go } from '../router.js';
import { heading } from './common.js';
import { field, formAlert, showError, busy, values, clearErrors } from './form.js';
import { shelfFields } from './shelf-fields.js';
import { toast } from './toast.js';

export const titleKey = 'manual.title';
export const requiresAuth = () => true;

export function render(main) {
  const pages = field({ label: t('field.totalPages'), name: 'totalPages', type: 'number', attrs: { min: '1', inputmode: 'numeric' } });
  const fields = shelfFields(() => Number(pages.control.value) || null);
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('book.addSubmit'));
  const form = h('form', { class: 'card form', novalidate: true },
    formAlert(),
    field({ label: t('field.title'), name: 'title', attrs: { required: true, maxlength: '255' } }),
    field({ label: t('field.author'), name: 'author', attrs: { required: true, maxlength: '255' } }),
    field({ label: t('field.publisher'), name: 'publisher', attrs: { maxlength: '255' } }),
    pages, fields.element, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const chosen = fields.read(form);
    if (!chosen) return;
    const v = values(form);
    busy(submit, async () => {
      try {
        const added = await shelfApi.post('/user/books', {
          title: v.title, author: v.author, publisher: v.publisher, totalPages: v.totalPages == null ? null : Number(v.totalPages), ...chosen,
        });
        toast(added.message, 'success');
        go(`/book/${added.userBookId}`);
      } catch (error) {
        showError(form, error);
      }
    });
  });
  main.append(heading(t('manual.title')), h('p', { class: 'muted' }, t('manual.lead')), form);
}
