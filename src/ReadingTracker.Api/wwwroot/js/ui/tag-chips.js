// The tag chips of the memo editor: one group per category, each chip a checkbox, and the whole set ONE Tab stop.
// Inside it the arrow keys move between chips (roving tabindex: the chip last visited keeps tabindex 0), Home and
// End go to the ends, Space (or a click) checks a chip. The selection keeps the order of checking: the first
// chip's category leads the memo's tagCategory.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { tagChoices } from '../tags.js';

const CATEGORIES = ['TYPE', 'TOPIC'];

/** chosen: [{code, category}] to start with. Returns {element, chosen(), onChange(listener)}. */
export function tagChips({ chosen: initial = [], label }) {
  const chosen = [...initial];
  const listeners = [];
  const isOn = (code, category) => chosen.some((c) => c.code === code && c.category === category);
  const chips = [];
  const groups = CATEGORIES.map((category) => {
    const labelId = uid('chips');
    return h('div', { role: 'group', 'aria-labelledby': labelId, class: 'chip-group' },
      h('span', { id: labelId, class: 'chip-legend' }, t(`tagCategory.${category}`)),
      h('div', { class: 'chips' }, tagChoices(category).map(({ code, label: text }) => {
        const chip = h('button', { type: 'button', role: 'checkbox', class: 'chip', 'aria-checked': String(isOn(code, category)), tabindex: '-1' }, text);
        chip.addEventListener('click', () => {
          const i = chosen.findIndex((c) => c.code === code && c.category === category);
          if (i >= 0) chosen.splice(i, 1);
          else chosen.push({ code, category });
          chip.setAttribute('aria-checked', String(isOn(code, category)));
          listeners.forEach((listener) => listener());
        });
        chip.addEventListener('focus', () => rove(chip));
        chips.push(chip);
        return chip;
      })));
  });

  function rove(to) {
    for (const chip of chips) chip.tabIndex = chip === to ? 0 : -1;
  }
  // The first checked chip (else the first chip) is where Tab enters.
  rove(chips.find((c) => c.getAttribute('aria-checked') === 'true') ?? chips[0]);

  const element = h('div', { role: 'group', 'aria-label': label, class: 'tag-chips' }, groups);
  element.addEventListener('keydown', (event) => {
    const i = chips.indexOf(document.activeElement);
    if (i < 0) return;
    const last = chips.length - 1;
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: last }[event.key];
    if (next === undefined) {
      // Enter belongs to the form (Ctrl+Enter saves); a checkbox toggles with Space only.
      if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
      return;
    }
    event.preventDefault();
    const target = chips[(next + chips.length) % chips.length];
    rove(target);
    target.focus();
  });

  return {
    element,
    chosen: () => chosen.map((c) => ({ ...c })),
    onChange: (listener) => listeners.push(listener),
  };
}
