// Small pieces shared by screens.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const CATEGORIES = ['ToRead', 'Reading', 'AlmostFinished', 'Finished'];

export function heading(text) {
  return h('h1', { tabindex: '-1' }, text);
}

export const categoryLabel = (category) => t(`category.${category}`);

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

/** An error shown in place (never alert()): the server's message, with a retry when given. */
export function errorBox(error, retry) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, error?.message ?? t('error.generic')),
    retry ? h('button', { type: 'button', class: 'btn-secondary', onClick: retry }, t('common.retry')) : null);
}

/** A cover image with a drawn placeholder when there is none or it fails to load. */
export function cover(url, title, size = 'small') {
  const placeholder = () => h('div', { class: `cover cover-${size} cover-placeholder`, 'aria-hidden': 'true' }, (title ?? '?').slice(0, 1));
  if (!url) return placeholder();
  const img = h('img', { class: `cover cover-${size}`, src: url, alt: t('book.coverOf', { title }), loading: 'lazy', referrerpolicy: 'no-referrer' });
  img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
  return img;
}

export function percent(progress, total) {
  if (!total || progress == null) return null;
  return Math.round((progress * 100) / total);
}
