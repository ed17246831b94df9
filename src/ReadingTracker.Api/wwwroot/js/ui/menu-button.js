// A menu button (the WAI-ARIA menu button pattern): "⋯" opens a short list of actions. Enter, Space or the
// down arrow open it on the first item, the up arrow on the last; arrows, Home and End move inside; Escape closes it
// and gives focus back to the button; Tab, a click elsewhere or choosing an item close it too.
import { h, uid } from '../dom.js';

/** label: the button's accessible name. items: [{label, danger?, onSelect()}]. Returns the wrapper element. */
export function menuButton({ label, items }) {
  const menuId = uid('menu');
  const button = h('button', {
    type: 'button', class: 'btn-link menu-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId, 'aria-label': label,
  }, h('span', { 'aria-hidden': 'true' }, '⋯'));
  const entries = items.map((item) => h('li', { role: 'none' },
    h('button', { type: 'button', role: 'menuitem', tabindex: '-1', class: item.danger ? 'danger' : null }, item.label)));
  const menu = h('ul', { role: 'menu', id: menuId, class: 'menu', 'aria-label': label, hidden: true }, entries);
  const wrap = h('div', { class: 'menu-wrap' }, button, menu);
  const menuItems = () => entries.map((li) => li.firstChild);

  function onOutside(event) {
    if (!wrap.contains(event.target)) close(false);
  }

  function open(index) {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const all = menuItems();
    all.at(index)?.focus();
    document.addEventListener('pointerdown', onOutside, true);
  }

  function close(focusButton) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutside, true);
    if (focusButton) button.focus();
  }

  button.addEventListener('click', () => (menu.hidden ? open(0) : close(true)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowDown' ? 0 : -1);
    }
  });
  menu.addEventListener('keydown', (event) => {
    const all = menuItems();
    const i = all.indexOf(document.activeElement);
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      all[(next + all.length) % all.length].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  });
  menuItems().forEach((el, i) => el.addEventListener('click', () => {
    close(true);
    items[i].onSelect();
  }));
  return wrap;
}
