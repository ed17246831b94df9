// One page of the today flow: its memos under their group (and sub-group) titles, and the pager. Paging cuts
// across groups (flow-groups.js flattens them), so a group's title is repeated on the page it continues on.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { PAGE_SIZE } from './flow-groups.js';

export const pageCount = (items) => Math.max(1, Math.ceil(items.length / PAGE_SIZE));

/** items: the flattened flow; page: 1-based; card(memo) draws one memo; onMove(delta) turns the page. */
export function flowPage({ items, page, card, onMove }) {
  const pages = pageCount(items);
  const nodes = [];
  let group = null;
  let sub = null;
  for (const item of items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)) {
    if (item.group !== group) {
      group = item.group;
      sub = null;
      nodes.push(h('h3', { class: 'group-title' }, item.group));
    }
    if (item.sub && item.sub !== sub) {
      sub = item.sub;
      nodes.push(h('h4', { class: 'sub-title' }, item.sub));
    }
    nodes.push(card(item.memo));
  }
  nodes.push(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    h('button', { type: 'button', class: 'btn-secondary', disabled: page <= 1, onClick: () => onMove(-1) }, t('pager.prev')),
    h('span', {}, t('pager.position', { page, pages })),
    h('button', { type: 'button', class: 'btn-secondary', disabled: page >= pages, onClick: () => onMove(1) }, t('pager.next'))));
  return nodes;
}
