// Dates and times in the user's time zone. The server speaks local wall-clock strings
// ("yyyy-MM-ddTHH:mm:ss", already in the user's zone), so displaying one never converts it again.
import { store } from './store.js';
import { lang } from './i18n.js';

export function userTimeZone() {
  return store.user?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Seoul';
}

function partsNow(timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date());
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** The user's today, "yyyy-MM-dd". */
export function today() {
  const p = partsNow(userTimeZone());
  return `${p.year}-${p.month}-${p.day}`;
}

/** Now as the user's wall-clock time, "yyyy-MM-ddTHH:mm:ss" (the memoStartTime wire format). */
export function nowWire() {
  const p = partsNow(userTimeZone());
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

// A wall-clock string read as if it were UTC, then formatted in UTC: the digits never shift.
function asUtc(wire) {
  const [date, time = '00:00:00'] = wire.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh || 0, mm || 0, ss || 0));
}

function format(wire, options) {
  if (!wire) return '';
  return new Intl.DateTimeFormat(lang(), { timeZone: 'UTC', ...options }).format(asUtc(wire));
}

export const formatDate = (wire) => format(wire, { year: 'numeric', month: 'long', day: 'numeric' });
export const formatDateLong = (wire) => format(wire, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
export const formatTime = (wire) => format(wire, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
export const formatDateTime = (wire) => format(wire, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
export const formatMonth = (year, month) => format(`${year}-${String(month).padStart(2, '0')}-01`, { year: 'numeric', month: 'long' });
export const weekdayShort = (index) => format(`2023-01-0${index + 1}`, { weekday: 'short' }); // 2023-01-01 is a Sunday

export function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function weekdayOf(year, month, day) {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isoDate(year, month, day) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Time zones for the profile's picker, the user's own always included. */
export function timeZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Seoul', 'UTC'];
  const current = userTimeZone();
  return zones.includes(current) ? zones : [current, ...zones];
}
