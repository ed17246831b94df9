// Account recovery by mail: the login id and a one-time reset link go to the account's address, never into
// this page; the mailed link opens the reset screen (reset.js). The server answers the same whether or not
// the account exists, so the page only says "check your mail".
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { heading } from './common.js';
import { field, formAlert, showError, busy, values } from './form.js';

export const titleKey = 'recover.title';

function findIdForm() {
  const result = h('p', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('recover.findSubmit'));
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'find-id-title' },
    h('h2', { id: 'find-id-title' }, t('recover.findTitle')),
    formAlert(),
    field({ label: t('field.email'), name: 'email', type: 'email', attrs: { autocomplete: 'email' } }),
    field({ label: t('field.name'), name: 'name', attrs: { autocomplete: 'name' } }),
    submit, result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      result.textContent = '';
      try {
        const answer = await api.post('/auth/find-login-id', values(form), { auth: false });
        form.querySelector('.form-alert').hidden = true;
        result.textContent = answer.message || t('recover.checkMail');
      } catch (error) {
        showError(form, error);
      }
    });
  });
  return form;
}

function resetForm() {
  const result = h('p', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('recover.verifySubmit'));
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'reset-title' },
    h('h2', { id: 'reset-title' }, t('recover.resetTitle')),
    formAlert(),
    field({ label: t('field.loginId'), name: 'loginId', attrs: { autocomplete: 'username' } }),
    field({ label: t('field.email'), name: 'email', type: 'email', attrs: { autocomplete: 'email' } }),
    submit, result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      result.textContent = '';
      try {
        const answer = await api.post('/auth/verify-account', values(form), { auth: false });
        form.querySelector('.form-alert').hidden = true;
        result.textContent = answer.message || t('recover.checkMail');
      } catch (error) {
        showError(form, error);
      }
    });
  });
  return form;
}

export function render(main) {
  main.append(heading(t('recover.title')), h('div', { class: 'grid-2' }, findIdForm(), resetForm()));
}
