// A month calendar; days that have memos are marked (and say so to screen readers).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, qs } from '../api.js';
import { daysInMonth, weekdayOf, isoDate, formatMonth, formatDateLong, weekdayShort, today } from '../time.js';

export function calendar({ selected, onPick }) {
  let [year, month] = selected.split('-').map(Number);
  const title = h('h2', { class: 'cal-title', 'aria-live': 'polite' });
  const grid = h('table', { class: 'calendar' });
  const prev = h('button', { type: 'button', class: 'btn-secondary btn-small', 'aria-label': t('calendar.prev') }, '‹');
  const next = h('button', { type: 'button', class: 'btn-secondary btn-small', 'aria-label': t('calendar.next') }, '›');
  const root = h('div', { class: 'calendar-box' }, h('div', { class: 'cal-head' }, prev, title, next), grid);

  async function draw() {
    title.textContent = formatMonth(year, month);
    let marked = new Set();
    try {
      marked = new Set(await api.get(`/memos/dates${qs({ year, month })}`));
    } catch {
      // Without the marks the calendar still navigates.
    }
    const first = weekdayOf(year, month, 1);
    const cells = [];
    for (let i = 0; i < first; i += 1) cells.push(h('td', {}));
    const now = today();
    for (let day = 1; day <= daysInMonth(year, month); day += 1) {
      const date = isoDate(year, month, day);
      const has = marked.has(date);
      const label = [formatDateLong(date), has ? t('calendar.hasMemos') : null].filter(Boolean).join(', ');
      cells.push(h('td', {}, h('button', {
        type: 'button', class: `day${has ? ' has-memos' : ''}${date === now ? ' today' : ''}`,
        'aria-pressed': String(date === selected), 'aria-current': date === now ? 'date' : null,
        onClick: () => onPick(date),
        // The full date is the name; the visible number is hidden from it, so the name never contradicts the
        // visible text (a Korean "1일" is not the word "1": axe's label-content-name-mismatch).
      }, h('span', { 'aria-hidden': 'true' }, String(day)), h('span', { class: 'sr-only' }, label))));
    }
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
    grid.replaceChildren(
      h('caption', { class: 'sr-only' }, formatMonth(year, month)),
      h('thead', {}, h('tr', {}, [0, 1, 2, 3, 4, 5, 6].map((d) => h('th', { scope: 'col' }, weekdayShort(d))))),
      h('tbody', {}, rows));
  }
  prev.addEventListener('click', () => { month -= 1; if (month < 1) { month = 12; year -= 1; } draw(); });
  next.addEventListener('click', () => { month += 1; if (month > 12) { month = 1; year += 1; } draw(); });
  draw();
  return root;
}
