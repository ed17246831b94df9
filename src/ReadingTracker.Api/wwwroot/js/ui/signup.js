// Sign-up with live duplicate checks for login id and email, and the password policy shown as it is met.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, qs } from '../api.js';
import { heading } from './common.js';
import { field, formAlert, showError, busy, values, setFieldError } from './form.js';
import { toast } from './toast.js';
import { go } from '../router.js';
import { signIn } from './login.js';

export const titleKey = 'signup.title';

export const SPECIAL = '!@#$%^&*(),.?":{}|<>';
const LOGIN_ID = /^[A-Za-z0-9_]{3,20}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function passwordRules(password) {
  return { length: password.length >= 8, special: [...password].some((c) => SPECIAL.includes(c)) };
}

/** A live checklist of the password policy under a password field. */
export function policyList(input) {
  const items = { length: h('li', {}, t('password.ruleLength')), special: h('li', {}, t('password.ruleSpecial', { chars: SPECIAL })) };
  const list = h('ul', { class: 'policy', 'aria-label': t('password.policy') }, items.length, items.special);
  const update = () => {
    const met = passwordRules(input.value);
    for (const [key, li] of Object.entries(items)) {
      li.classList.toggle('met', met[key]);
      li.dataset.met = met[key] ? 'true' : 'false';
    }
  };
  input.addEventListener('input', update);
  update();
  return list;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

export function render(main) {
  const loginId = field({ label: t('field.loginId'), name: 'loginId', hint: t('signup.loginIdHint'), attrs: { autocomplete: 'username', required: true, maxlength: '20' } });
  const email = field({ label: t('field.email'), name: 'email', type: 'email', attrs: { autocomplete: 'email', required: true } });
  const name = field({ label: t('field.name'), name: 'name', attrs: { autocomplete: 'name', required: true, maxlength: '50' } });
  const password = field({ label: t('field.password'), name: 'password', type: 'password', attrs: { autocomplete: 'new-password', required: true } });
  const confirm = field({ label: t('field.passwordConfirm'), name: 'passwordConfirm', type: 'password', attrs: { autocomplete: 'new-password', required: true } });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('signup.submit'));
  const form = h('form', { class: 'card form narrow', novalidate: true },
    formAlert(), loginId, email, name, password, policyList(password.control), confirm, submit,
    h('p', { class: 'links' }, h('a', { href: '#/login' }, t('signup.toLogin'))));

  // Live checks: format first, then ask the server whether the value is taken. Stale answers are dropped.
  const live = (wrapper, kind, valid, invalidKey, takenKey) => {
    let asked = '';
    const ok = h('p', { class: 'field-ok', role: 'status', 'aria-live': 'polite' });
    wrapper.append(ok);
    wrapper.control.addEventListener('input', debounce(async () => {
      const value = wrapper.control.value.trim();
      asked = value;
      ok.textContent = '';
      if (!value) return setFieldError(form, wrapper.dataset.field, null);
      if (!valid.test(value)) return setFieldError(form, wrapper.dataset.field, t(invalidKey));
      try {
        const taken = await api.get(`/users/duplicate/${kind}${qs({ value })}`, { auth: false });
        if (asked !== value) return undefined;
        setFieldError(form, wrapper.dataset.field, taken ? t(takenKey) : null);
        ok.textContent = taken ? '' : t('signup.available');
      } catch {
        // The server will check again on submit.
      }
      return undefined;
    }, 300));
  };
  live(loginId, 'loginId', LOGIN_ID, 'signup.loginIdInvalid', 'signup.loginIdTaken');
  live(email, 'email', EMAIL, 'signup.emailInvalid', 'signup.emailTaken');
  confirm.control.addEventListener('input', () => setFieldError(form, 'passwordConfirm',
    confirm.control.value && confirm.control.value !== password.control.value ? t('password.mismatch') : null));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    const rules = passwordRules(v.password ?? '');
    if (v.password !== v.passwordConfirm) {
      showError(form, { message: t('form.fix'), fields: [{ name: 'passwordConfirm', reason: t('password.mismatch') }] });
      return;
    }
    if (!rules.length || !rules.special) {
      showError(form, { message: t('form.fix'), fields: [{ name: 'password', reason: t('password.notMet') }] });
      return;
    }
    busy(submit, async () => {
      try {
        await api.post('/auth/signup', {
          loginId: v.loginId, email: v.email, name: v.name, password: v.password,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        }, { auth: false });
      } catch (error) {
        if (error.code === 'DUPLICATE_LOGIN_ID') error.fields = [{ name: 'loginId', reason: error.message }];
        if (error.code === 'DUPLICATE_EMAIL') error.fields = [{ name: 'email', reason: error.message }];
        showError(form, error);
        return;
      }
      // Signing up signs in: the new reader lands on their shelf. Should that login fail, the login screen takes over.
      try {
        const me = await signIn(v.loginId, v.password);
        toast(t('signup.welcome', { name: me.name }), 'success');
        go('/shelf');
      } catch {
        toast(t('signup.done'), 'success');
        go('/login');
      }
    });
  });
  main.append(heading(t('signup.title')), form);
}
