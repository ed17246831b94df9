// The page a mailed reset link opens (#/reset?token=…): choose a new password, once.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { heading } from './common.js';
import { field, formAlert, showError, busy, values } from './form.js';
import { policyList } from './signup.js';
import { toast } from './toast.js';
import { current, go, replaceParams } from '../router.js';

export const titleKey = 'reset.title';

export function render(main) {
  const resetToken = current().params.token ?? '';
  // The token leaves the address bar (and so the history) as soon as the page holds it.
  if (resetToken) replaceParams({});
  main.append(heading(t('reset.title')));
  if (!resetToken) {
    main.append(h('p', { class: 'card', role: 'alert' }, t('reset.noToken'), ' ', h('a', { href: '#/recover' }, t('reset.askAgain'))));
    return;
  }
  const newPassword = field({ label: t('field.newPassword'), name: 'newPassword', type: 'password', attrs: { autocomplete: 'new-password' } });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('recover.resetSubmit'));
  const form = h('form', { class: 'card form', novalidate: true, 'aria-label': t('reset.title') },
    formAlert(), newPassword, policyList(newPassword.control),
    field({ label: t('field.passwordConfirm'), name: 'confirmPassword', type: 'password', attrs: { autocomplete: 'new-password' } }),
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      try {
        const answer = await api.post('/auth/reset-password', { resetToken, ...values(form) }, { auth: false });
        toast(answer.message, 'success');
        go('/login');
      } catch (error) {
        showError(form, error);
      }
    });
  });
  main.append(form);
  newPassword.control.focus();
}
