// Account recovery, which the earlier client lacked: find the login id, and reset the password in two steps.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { heading } from './common.js';
import { field, formAlert, showError, busy, values } from './form.js';
import { policyList } from './signup.js';
import { toast } from './toast.js';
import { go } from '../router.js';

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
        const found = await api.post('/auth/find-login-id', values(form), { auth: false });
        form.querySelector('.form-alert').hidden = true;
        result.textContent = t('recover.foundId', { loginId: found.loginId });
      } catch (error) {
        showError(form, error);
      }
    });
  });
  return form;
}

function resetForm() {
  let resetToken = null;
  const verifySubmit = h('button', { type: 'submit', class: 'btn-primary' }, t('recover.verifySubmit'));
  const verify = h('form', { class: 'form', novalidate: true },
    formAlert(),
    field({ label: t('field.loginId'), name: 'loginId', attrs: { autocomplete: 'username' } }),
    field({ label: t('field.email'), name: 'email', type: 'email', attrs: { autocomplete: 'email' } }),
    verifySubmit);
  const newPassword = field({ label: t('field.newPassword'), name: 'newPassword', type: 'password', attrs: { autocomplete: 'new-password' } });
  const resetSubmit = h('button', { type: 'submit', class: 'btn-primary' }, t('recover.resetSubmit'));
  const reset = h('form', { class: 'form', novalidate: true, hidden: true },
    h('p', { class: 'result', role: 'status' }),
    formAlert(), newPassword, policyList(newPassword.control),
    field({ label: t('field.passwordConfirm'), name: 'confirmPassword', type: 'password', attrs: { autocomplete: 'new-password' } }),
    resetSubmit);
  verify.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(verifySubmit, async () => {
      try {
        const answer = await api.post('/auth/verify-account', values(verify), { auth: false });
        resetToken = answer.resetToken;
        verify.hidden = true;
        reset.hidden = false;
        reset.querySelector('.result').textContent = answer.message;
        newPassword.control.focus();
      } catch (error) {
        showError(verify, error);
      }
    });
  });
  reset.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(resetSubmit, async () => {
      try {
        const answer = await api.post('/auth/reset-password', { resetToken, ...values(reset) }, { auth: false });
        toast(answer.message, 'success');
        go('/login');
      } catch (error) {
        showError(reset, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'reset-title' }, h('h2', { id: 'reset-title' }, t('recover.resetTitle')), verify, reset);
}

export function render(main) {
  main.append(heading(t('recover.title')), h('div', { class: 'grid-2' }, findIdForm(), resetForm()));
}
