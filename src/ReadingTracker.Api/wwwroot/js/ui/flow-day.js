// The day the today flow shows: its name in the reader's language ("Today", "Yesterday", else the date) and
// the days around it. Days are "yyyy-MM-dd" in the reader's time zone; stepping one is calendar arithmetic on
// the date itself, so a daylight-saving change never skips or repeats a day.
import { t } from '../i18n.js';
import { today, formatDateLong } from '../time.js';

/** The day `days` after `date` (negative: before). */
export function shiftDay(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

/** What the day is called: "Today" and "Yesterday" by name, any other day by its full date. */
export function dayName(date) {
  const now = today();
  if (date === now) return t('flow.day.today');
  if (date === shiftDay(now, -1)) return t('flow.day.yesterday');
  return formatDateLong(date);
}

/** The full date under a named day ("Today" → its date); nothing when the name already is the date. */
export function dayDetail(date) {
  const now = today();
  return date === now || date === shiftDay(now, -1) ? formatDateLong(date) : '';
}
