// The calendar heat map of a year's memos: a column per week (Sunday on top), a cell per day, five shades from none to
// the year's busiest day. One accessible image with a summary label; the per-day figures are in its table.
import { s, chartSvg } from './stats-charts.js';
import { weekdayShort } from '../time.js';

const CELL = 12;
const GAP = 3;
const LEFT = 30;
const TOP = 18;

/** Shade 0–4: none, then quarters of the busiest day. */
export const shade = (count, max) => (count <= 0 || max <= 0 ? 0 : Math.min(4, Math.ceil((4 * count) / max)));

/** counts: Map "yyyy-MM-dd" → memos. monthName(m) labels the month columns (m: 0–11). */
export function heatMap({ year, counts, label, monthName }) {
  const first = new Date(Date.UTC(year, 0, 1));
  const offset = first.getUTCDay();
  const days = (Date.UTC(year + 1, 0, 1) - first) / 86_400_000;
  const max = Math.max(0, ...counts.values());
  const cells = [];
  const months = [];
  for (let i = 0; i < days; i++) {
    const date = new Date(first.getTime() + (i * 86_400_000));
    const iso = date.toISOString().slice(0, 10);
    const week = Math.floor((i + offset) / 7);
    const x = LEFT + (week * (CELL + GAP));
    if (date.getUTCDate() === 1) months.push(s('text', { class: 'tick', x, y: TOP - 6 }, monthName(date.getUTCMonth())));
    cells.push(s('rect', { class: `day shade-${shade(counts.get(iso) ?? 0, max)}`, x, y: TOP + (date.getUTCDay() * (CELL + GAP)), width: CELL, height: CELL, rx: 2 }));
  }
  const weekdays = [1, 3, 5].map((d) => s('text', { class: 'tick', x: 0, y: TOP + (d * (CELL + GAP)) + CELL - 2 }, weekdayShort(d)));
  const width = LEFT + (54 * (CELL + GAP));
  const height = TOP + (7 * (CELL + GAP));
  return chartSvg(width, height, label, 'heat-map', months, weekdays, cells);
}
