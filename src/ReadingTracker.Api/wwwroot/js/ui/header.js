// Site header: logo, navigation for guests or readers, and the language switch.
import { h } from '../dom.js';
import { t, lang, setLanguage } from '../i18n.js';
import { store } from '../store.js';
import { current, go } from '../router.js';

export function renderHeader(rerender) {
  const header = document.getElementById('site-header');
  const here = current().path;
  const link = (path, key) => h('a', { href: `#${path}`, 'aria-current': here === path ? 'page' : null }, t(key));
  const items = store.session
    ? [link('/shelf', 'nav.shelf'), link('/flow', 'nav.flow'), link('/search', 'nav.search'), link('/stats', 'nav.stats'), link('/profile', 'nav.profile')]
    : [link('/search', 'nav.search'), link('/login', 'nav.login'), link('/signup', 'nav.signup')];
  const other = lang() === 'ko' ? 'en' : 'ko';
  const switcher = h('button', {
    type: 'button', class: 'lang-switch', lang: other, id: 'lang-switch',
    'aria-label': other === 'en' ? 'English (언어 변경)' : '한국어 (Change language)',
    onClick: async () => {
      await setLanguage(other);
      await rerender();
      document.getElementById('lang-switch')?.focus();
    },
  }, other === 'en' ? 'English' : '한국어');
  header.replaceChildren(
    h('a', { href: '#/', class: 'logo' }, h('img', { src: '/icons/icon.svg', alt: '', width: '28', height: '28' }), 'Reading Tracker'),
    h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, items.map((a) => h('li', {}, a)))),
    ...(store.session ? [memoSearchBox()] : []), // replaceChildren would write a null as the text "null"
    switcher);
  const skip = document.getElementById('skip-link');
  skip.textContent = t('nav.skip');
}

/** The reader's memo search, on every screen: it opens the results screen ("#/find"). */
function memoSearchBox() {
  const where = current();
  const input = h('input', {
    type: 'search', name: 'q', id: 'header-memo-search', maxlength: '200', autocomplete: 'off', required: true,
    placeholder: t('memoSearch.placeholder'), 'aria-label': t('memoSearch.label'), value: where.path === '/find' ? where.params.q ?? '' : '',
  });
  return h('form', {
    role: 'search', class: 'header-search', 'aria-label': t('memoSearch.title'),
    onSubmit: (event) => {
      event.preventDefault();
      if (input.value.trim()) go('/find', { q: input.value.trim() });
    },
  }, input);
}
