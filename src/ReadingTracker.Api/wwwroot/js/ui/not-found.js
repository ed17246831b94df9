import { h } from '../dom.js';
import { t } from '../i18n.js';
import { heading, errorBox } from './common.js';

export const titleKey = 'notFound.title';

export function render(main) {
  main.append(heading(t('notFound.title')), h('p', {}, t('notFound.text')), h('a', { href: '#/' }, t('notFound.home')));
}

export function renderError(main, error) {
  main.append(heading(t('error.title')), errorBox(error, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
}
