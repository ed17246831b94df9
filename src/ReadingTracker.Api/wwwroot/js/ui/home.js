import { h } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { heading } from './common.js';

export const titleKey = 'home.title';

export function render(main) {
  const signedIn = !!store.session;
  const card = (key) => h('li', { class: 'card feature' }, h('h2', {}, t(`home.${key}.title`)), h('p', {}, t(`home.${key}.text`)));
  main.append(
    h('section', { class: 'hero' },
      heading(t('home.heading')),
      h('p', { class: 'lead' }, t('home.lead')),
      h('div', { class: 'actions' },
        h('a', { class: 'btn-primary', href: '#/search' }, t('home.searchButton')),
        signedIn
          ? h('a', { class: 'btn-secondary', href: '#/shelf' }, t('home.toShelf'))
          : h('a', { class: 'btn-secondary', href: '#/signup' }, t('home.start')))),
    h('ul', { class: 'features' }, card('shelf'), card('memo'), card('flow')));
}
