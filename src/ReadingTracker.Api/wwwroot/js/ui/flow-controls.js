// The today flow's side panel: the day shown (its title, "today", the calendar), the grouping and the tag
// category, and the write and close-the-book buttons. It holds no state of its own: show(view) labels it for
// the flow's current view, and each control reports to its callback.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { today, formatDateLong } from '../time.js';
import { calendar } from './calendar.js';

function radioGroup(legend, name, options, value, onChange) {
  return h('fieldset', { class: 'segmented' }, h('legend', {}, legend), options.map(([v, label]) => {
    const id = uid(name);
    const input = h('input', { type: 'radio', id, name, value: v, checked: v === value });
    input.addEventListener('change', () => onChange(v));
    return h('span', {}, input, h('label', { for: id }, label));
  }));
}

/**
 * view: {date, mode, tagCategory} to start with. onDate(date), onMode(mode), onTagCategory(category), onWrite(),
 * onCloseBook(). Returns {element, show(view), closeCalendar(), writeButton}.
 */
export function flowControls({ view, onDate, onMode, onTagCategory, onWrite, onCloseBook }) {
  const dateTitle = h('h2', { id: 'flow-date' });
  const writeButton = h('button', { type: 'button', class: 'btn-primary', onClick: () => onWrite() }, t('flow.write'));
  const closeButton = h('button', { type: 'button', class: 'btn-secondary', onClick: () => onCloseBook() }, t('flow.closeBook'));
  const todayButton = h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: () => onDate(today()) }, t('flow.today'));
  const calSlot = h('div', { id: 'flow-calendar', hidden: true });
  const calToggle = h('button', { type: 'button', class: 'btn-secondary', 'aria-expanded': 'false', 'aria-controls': 'flow-calendar' }, `📅 ${t('flow.calendar')}`);
  let shownDate = view.date;
  calToggle.addEventListener('click', () => {
    const open = calSlot.hidden;
    calSlot.hidden = !open;
    calToggle.setAttribute('aria-expanded', String(open));
    if (open) calSlot.replaceChildren(calendar({ selected: shownDate, onPick: onDate }));
  });
  const tagCats = radioGroup(t('flow.tagCategory'), 'tagCategory', [['TYPE', t('tagCategory.TYPE')], ['TOPIC', t('tagCategory.TOPIC')]], view.tagCategory, onTagCategory);
  const modes = radioGroup(t('flow.grouping'), 'mode', [['SESSION', t('flow.mode.SESSION')], ['BOOK', t('flow.mode.BOOK')], ['TAG', t('flow.mode.TAG')]], view.mode, onMode);

  const element = h('aside', { class: 'flow-side card', 'aria-label': t('flow.controls') },
    dateTitle, h('div', { class: 'actions' }, todayButton, calToggle), calSlot, modes, tagCats,
    h('div', { class: 'actions' }, writeButton, closeButton));

  return {
    element,
    writeButton,
    /** Labels the panel for the shown day and grouping: only today can be written to, only TAG has categories. */
    show({ date, mode }) {
      const isToday = date === today();
      shownDate = date;
      dateTitle.textContent = formatDateLong(date);
      todayButton.hidden = isToday;
      writeButton.hidden = !isToday;
      tagCats.hidden = mode !== 'TAG';
    },
    closeCalendar() {
      calSlot.hidden = true;
      calToggle.setAttribute('aria-expanded', 'false');
    },
  };
}
