// The today flow's timeline: the loaded memos under their group (and sub-group) titles, then — while the day has
// more — a "load more" button that the screen also presses by itself when it scrolls into view. A group that the
// next load continues keeps its title once; the whole list is drawn again from the merged pages.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** items: the flattened flow; card(memo) draws one memo. */
export function flowItems({ items, card }) {
  const nodes = [];
  let group = null;
  let sub = null;
  for (const item of items) {
    if (item.group !== group) {
      group = item.group;
      sub = null;
      nodes.push(h('h2', { class: 'group-title' }, item.group));
    }
    if (item.sub && item.sub !== sub) {
      sub = item.sub;
      nodes.push(h('h3', { class: 'sub-title' }, item.sub));
    }
    nodes.push(card(item.memo));
  }
  return nodes;
}

/**
 * The end of a timeline that has more: a visible button (keyboard and screen-reader users press it) that an
 * IntersectionObserver presses too when the reader scrolls near it. Returns {element, disconnect()}.
 */
export function loadMore(onMore) {
  let busy = false;
  const button = h('button', { type: 'button', class: 'btn-secondary load-more' }, t('flow.loadMore'));
  const more = async (focusNew) => {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = t('common.loading');
    try {
      await onMore(focusNew);
    } finally {
      busy = false;
      button.removeAttribute('aria-busy');
      button.textContent = t('flow.loadMore');
    }
  };
  button.addEventListener('click', () => more(true));
  const element = h('div', { class: 'timeline-end' }, button);
  const observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) more(false); }, { rootMargin: '0px 0px 400px 0px' })
    : null;
  observer?.observe(element);
  return { element, disconnect: () => observer?.disconnect() };
}
