// Book search's own state, on the search screen only: when the book provider cannot be reached (the network
// monitor's second phase, or a search that just failed for that reason), one calm note says so and points to
// adding a book by hand. Other screens never hear about it.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { networkState } from '../offline/current.js';

/** Codes the server answers with when the book provider is down or answered nonsense (Books/BookErrors.cs). */
const PROVIDER_DOWN = new Set(['BOOK_PROVIDER_UNAVAILABLE', 'BOOK_PROVIDER_ERROR']);

export const isProviderDown = (error) => PROVIDER_DOWN.has(error?.code);

/** {element, update(down?)}: the note, shown while the provider is known to be down; isCurrent() stops it. */
export function providerNote(isCurrent = () => true) {
  const element = h('p', { class: 'provider-note', role: 'status', hidden: true });
  let failed = false;
  const update = (down) => {
    if (down !== undefined) failed = down;
    const unavailable = failed || networkState().searchAvailable === false;
    element.hidden = !unavailable;
    element.textContent = unavailable ? t('searchStatus.down') : '';
  };
  const onNetwork = () => {
    if (!element.isConnected && !isCurrent()) window.removeEventListener('rt:network', onNetwork);
    else update(networkState().searchAvailable === true ? false : undefined);
  };
  window.addEventListener('rt:network', onNetwork);
  update();
  return { element, update };
}
