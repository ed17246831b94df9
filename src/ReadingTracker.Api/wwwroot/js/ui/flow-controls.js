// The today flow's controls. The day bar (the heading naming the day, previous / next day, back to today and the
// calendar) sits on top; the side panel holds the grouping, the tag category, and the write and close-the-book
// buttons. They hold no state of their own: show(view) labels them for the flow's current view, and each control
// reports to its callback.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { today } from '../time.js';
import { calendar } from './calendar.js';
import { dayName, dayDetail, shiftDay } from './flow-day.js';

function radioGroup(legend, name, options, value, onChange) {
  return h('fieldset', { class: 'segmented' }, h('legend', {}, legend), options.map(([v, label]) => {
    const id = uid(name);
    const input = h('input', { type: 'radio', id, name, value: v, checked: v === value });
    input.addEventListener('change', () => onChange(v));
    return h('span', {}, input, h('label', { for: id }, label));
  }));
}

const arrowButton = (arrow, label, after, onClick) => h('button', { type: 'button', class: 'btn-secondary btn-small', onClick },
  after ? null : h('span', { 'aria-hidden': 'true' }, `${arrow} `), label, after ? h('span', { 'aria-hidden': 'true' }, ` ${arrow}`) : null);

/**
 * view: {date, mode, tagCategory} to start with. onDate(date), onMode(mode), onTagCategory(category), onWrite(),
 * onCloseBook(). Returns {dayBar, element, show(view), closeCalendar(), writeButton}; dayBar holds the screen's h1.
 */
export function flowControls({ view, onDate, onMode, onTagCategory, onWrite, onCloseBook }) {
  let shownDate = view.date;
  const dateTitle = h('h1', { id: 'flow-date', tabindex: '-1' });
  const detail = h('p', { class: 'muted day-detail' });
  const prevButton = arrowButton('‹', t('flow.prevDay'), false, () => onDate(shiftDay(shownDate, -1)));
  const nextButton = arrowButton('›', t('flow.nextDay'), true, () => onDate(shiftDay(shownDate, 1)));
  const todayButton = h('button', { type: 'button', class: 'btn-secondary btn-small', onClick: () => onDate(today()) }, t('flow.today'));
  const calSlot = h('div', { id: 'flow-calendar', hidden: true });
  const calToggle = h('button', { type: 'button', class: 'btn-secondary btn-small', 'aria-expanded': 'false', 'aria-controls': 'flow-calendar' }, `📅 ${t('flow.calendar')}`);
  calToggle.addEventListener('click', () => {
    const open = calSlot.hidden;
    calSlot.hidden = !open;
    calToggle.setAttribute('aria-expanded', String(open));
    if (open) calSlot.replaceChildren(calendar({ selected: shownDate, onPick: onDate }));
  });
  const dayBar = h('div', { class: 'flow-head' },
    h('div', { class: 'flow-title' }, dateTitle, detail),
    h('nav', { class: 'day-nav', 'aria-label': t('flow.days') }, prevButton, nextButton, todayButton, calToggle),
    calSlot);

  const writeButton = h('button', { type: 'button', class: 'btn-primary', onClick: () => onWrite() }, t('flow.write'));
  const closeButton = h('button', { type: 'button', class: 'btn-secondary', onClick: () => onCloseBook() }, t('flow.closeBook'));
  const tagCats = radioGroup(t('flow.tagCategory'), 'tagCategory', [['TYPE', t('tagCategory.TYPE')], ['TOPIC', t('tagCategory.TOPIC')]], view.tagCategory, onTagCategory);
  const modes = radioGroup(t('flow.grouping'), 'mode', [['SESSION', t('flow.mode.SESSION')], ['BOOK', t('flow.mode.BOOK')], ['TAG', t('flow.mode.TAG')]], view.mode, onMode);
  const element = h('aside', { class: 'flow-side card', 'aria-label': t('flow.controls') },
    h('div', { class: 'actions' }, writeButton, closeButton), modes, tagCats);

  return {
    dayBar,
    element,
    writeButton,
    /** Labels the controls for the shown day and grouping: the day by name, no "next" past today, categories only for TAG. */
    show({ date, mode }) {
      const isToday = date === today();
      shownDate = date;
      dateTitle.textContent = dayName(date);
      detail.textContent = dayDetail(date);
      detail.hidden = !detail.textContent;
      todayButton.hidden = isToday;
      nextButton.disabled = date >= today();
      tagCats.hidden = mode !== 'TAG';
    },
    closeCalendar() {
      calSlot.hidden = true;
      calToggle.setAttribute('aria-expanded', 'false');
    },
  };
}
