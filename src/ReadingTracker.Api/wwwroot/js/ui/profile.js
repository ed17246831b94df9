// Profile: name, email and time zone; password change; devices with revoke; logout.
import { h } from '../dom.js';
import { t, lang, zoneLabel } from '../i18n.js';
import { api } from '../api.js';
import { mergeArrays, LIST_PAGE } from '../paged.js';
import { store } from '../store.js';
import { offline, cachedGet } from '../offline/current.js';
import { isUnreachable } from '../offline/memo-repository.js';
import { offlineText, waitingParts } from '../offline/labels.js';
import { ensurePersistentStorage } from '../offline/storage.js';
import { go } from '../router.js';
import { timeZones, formatDateTime } from '../time.js';
import { heading, errorBox, loading } from './common.js';
import { field, formAlert, showError, busy, values, clearErrors } from './form.js';
import { policyList } from './signup.js';
import { confirmDialog } from './dialog.js';
import { toast } from './toast.js';
import { dataTransferSection } from './data-transfer.js';

export const titleKey = 'profile.title';
export const requiresAuth = () => true;

function profileForm(user) {
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('common.save'));
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'profile-info' },
    h('h2', { id: 'profile-info' }, t('profile.info')),
    h('p', { class: 'muted' }, t('profile.loginId', { loginId: user.loginId })),
    formAlert(),
    field({ label: t('field.name'), name: 'name', value: user.name, attrs: { autocomplete: 'name', maxlength: '50' } }),
    field({ label: t('field.email'), name: 'email', type: 'email', value: user.email, attrs: { autocomplete: 'email' } }),
    field({ label: t('field.timeZone'), name: 'timeZone', tag: 'select', value: user.timeZone, options: timeZones().map((z) => [z, zoneLabel(z)]), hint: t('profile.timeZoneHint') }),
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      try {
        const updated = await api.put('/users/me', values(form));
        store.setUser(updated);
        clearErrors(form);
        toast(t('profile.saved'), 'success');
      } catch (error) {
        showError(form, error);
      }
    });
  });
  return form;
}

function passwordForm() {
  const next = field({ label: t('field.newPassword'), name: 'newPassword', type: 'password', attrs: { autocomplete: 'new-password' } });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('profile.changePassword'));
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'profile-password' },
    h('h2', { id: 'profile-password' }, t('profile.password')),
    formAlert(),
    field({ label: t('field.currentPassword'), name: 'currentPassword', type: 'password', attrs: { autocomplete: 'current-password' } }),
    next, policyList(next.control),
    field({ label: t('field.passwordConfirm'), name: 'confirmPassword', type: 'password', attrs: { autocomplete: 'new-password' } }),
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      try {
        const answer = await api.post('/users/me/password', values(form));
        form.reset();
        clearErrors(form);
        toast(answer.message, 'success');
      } catch (error) {
        showError(form, error);
      }
    });
  });
  return form;
}

function devicesSection() {
  const list = h('ul', { class: 'device-list' });
  const section = h('section', { class: 'card', 'aria-labelledby': 'profile-devices' }, h('h2', { id: 'profile-devices' }, t('profile.devices')), list);
  async function load() {
    list.replaceChildren(loading());
    try {
      const devices = await api.all('/users/me/devices', mergeArrays, LIST_PAGE);
      list.replaceChildren(...devices.map((d) => h('li', { class: 'device' },
        h('div', {},
          // A device's name is the reader's (or their browser's) words; its platform is ours to translate.
          h('strong', { 'data-user-data': '' }, d.deviceName), ' ', d.platform ? h('span', { class: 'muted' }, t(`platform.${d.platform}`)) : null,
          d.current ? h('span', { class: 'badge' }, t('profile.thisDevice')) : null,
          d.revoked ? h('span', { class: 'badge badge-muted' }, t('profile.revoked')) : null,
          h('p', { class: 'muted' }, t('profile.lastSeen', { when: formatDateTime(d.lastSeenAt ?? d.createdAt) }))),
        d.current || d.revoked ? null : h('button', {
          type: 'button', class: 'btn-secondary btn-small', 'aria-label': t('profile.revokeNamed', { name: d.deviceName }),
          onClick: async () => {
            const yes = await confirmDialog({ title: t('profile.revokeTitle'), message: t('profile.revokeText', { name: d.deviceName }), confirmLabel: t('profile.revoke'), danger: true });
            if (!yes) return;
            try {
              toast((await api.del(`/users/me/devices/${encodeURIComponent(d.deviceId)}`)).message, 'success');
              await load();
            } catch (error) {
              toast(error.message, 'error');
            }
          },
        }, t('profile.revoke')))));
    } catch (error) {
      list.replaceChildren(errorBox(error, load));
    }
  }
  load();
  return section;
}

/** Whether the browser keeps this device's memos, how much room they use, and what still waits to sync. */
function storageSection() {
  const words = offlineText(lang());
  const state = h('p', { id: 'storage-state' }, words.storageUnknown);
  const queue = h('p', { id: 'sync-queue-state' });
  ensurePersistentStorage().then((s) => {
    if (!s.supported) return;
    const used = s.usage == null ? '' : ` (${Math.round(s.usage / 1024)} KB / ${Math.round((s.quota ?? 0) / 1048576)} MB)`;
    state.textContent = (s.persisted ? words.storagePersisted : words.storageBestEffort) + used;
  }).catch(() => {});
  offline()?.counts().then((c) => {
    const waiting = waitingParts(c, lang());
    queue.textContent = `⏳ ${waiting.length ? waiting.join(' · ') : words.pendingCount(0)} · ❌ ${c.FAILED}`;
  }).catch(() => {});
  return h('section', { class: 'card', 'aria-labelledby': 'storage-title' }, h('h2', { id: 'storage-title' }, words.storageTitle), state, queue);
}

export async function render(main, where, ctx) {
  main.append(heading(t('profile.title')), loading());
  let user;
  try {
    // Offline, the last copy: logging out of a shared device must work without a network.
    user = (await cachedGet('/users/me').catch((e) => (isUnreachable(e) && store.user ? { data: store.user } : Promise.reject(e)))).data;
    store.setUser(user);
  } catch (error) {
    main.replaceChildren(heading(t('profile.title')), errorBox(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const logout = h('button', {
    type: 'button', class: 'btn-danger',
    onClick: async () => {
      try {
        await api.post('/auth/logout');
      } catch {
        // The local session ends either way.
      }
      store.clearSession();
      toast(t('profile.loggedOut'), 'success');
      go('/');
    },
  }, t('profile.logout'));
  main.replaceChildren(heading(t('profile.title')),
    h('div', { class: 'grid-2' }, profileForm(user), passwordForm()),
    devicesSection(),
    storageSection(),
    dataTransferSection(),
    h('p', {}, h('a', { href: '#/tags' }, t('profile.tags'))),
    h('div', { class: 'actions' }, logout));
}
