import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { store } from '../store.js';
import { heading } from './common.js';
import { field, formAlert, showError, busy, values } from './form.js';
import { toast } from './toast.js';

export const titleKey = 'login.title';

function deviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS/.test(ua) ? 'macOS' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? `${browser} · ${os}` : browser;
}

/** Logs in and keeps the session (tokens, then the full user); resolves with the user. Sign-up signs in through it too. */
export async function signIn(loginId, password) {
  const session = await api.post('/auth/login', { loginId, password, deviceId: store.deviceId, deviceName: deviceName(), platform: 'WEB' }, { auth: false });
  store.setTokens(session);
  store.setUser(session.user);
  const me = await api.get('/users/me').catch(() => session.user);
  store.setUser(me);
  return me;
}

export function render(main, where) {
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('login.submit'));
  const form = h('form', { class: 'card form narrow', novalidate: true },
    formAlert(),
    field({ label: t('field.loginId'), name: 'loginId', attrs: { autocomplete: 'username', required: true } }),
    field({ label: t('field.password'), name: 'password', type: 'password', attrs: { autocomplete: 'current-password', required: true } }),
    submit,
    h('p', { class: 'links' },
      h('a', { href: '#/recover' }, t('login.forgot')), ' · ',
      h('a', { href: '#/signup' }, t('login.toSignup'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      const { loginId, password } = values(form);
      try {
        const me = await signIn(loginId, password);
        toast(t('login.welcome', { name: me.name }), 'success');
        const next = where.params.next;
        location.hash = next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/shelf';
      } catch (error) {
        showError(form, error);
      }
    });
  });
  main.append(heading(t('login.title')), form);
}
