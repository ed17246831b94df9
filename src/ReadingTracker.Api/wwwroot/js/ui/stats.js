// Statistics (#/stats?year=YYYY): a year of the reader's reading from GET /stats — totals, books finished by month,
// pages read by day, a calendar heat map of memos, reading streaks and the most used tags. Every chart has its table.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, qs } from '../api.js';
import { href } from '../router.js';
import { tagLabel } from '../tags.js';
import { formatDate } from '../time.js';
import { heading, loading, errorBox } from './common.js';
import { barChart, tableAlternative } from './stats-charts.js';
import { heatMap } from './stats-heatmap.js';

export const titleKey = 'stats.title';
export const requiresAuth = () => true;

// The screen's styles come with the screen, not with the app shell.
if (!document.querySelector('link[data-stats-css]')) {
  document.head.append(h('link', { rel: 'stylesheet', href: '/css/stats.css', 'data-stats-css': true }));
}

const number = (n) => new Intl.NumberFormat(lang()).format(n);
const monthName = (m, style = 'short') => new Intl.DateTimeFormat(lang(), { month: style, timeZone: 'UTC' }).format(Date.UTC(2000, m, 1));

function yearNav(year, today) {
  const thisYear = Number(today.slice(0, 4));
  const link = (y, key, cls) => h('a', { href: href('/stats', { year: y }), class: `btn-secondary ${cls}` }, t(key, { year: y }));
  return h('nav', { class: 'year-nav', 'aria-label': t('stats.years') },
    link(year - 1, 'stats.prevYear', 'prev'),
    h('span', { class: 'year-now', 'aria-current': 'page' }, t('stats.year', { year })),
    year < thisYear ? link(year + 1, 'stats.nextYear', 'next') : null);
}

function summary(data) {
  const { totals, streaks } = data;
  const item = (key, value, note) => h('div', { class: 'stat' }, h('dt', {}, t(key)), h('dd', {}, value, note ? h('small', {}, note) : null));
  const days = (count) => t('stats.days', { count, n: number(count) });
  return h('dl', { class: 'stat-grid' },
    item('stats.booksFinished', number(totals.booksFinished)),
    item('stats.pagesRead', number(totals.pagesRead)),
    item('stats.memos', number(totals.memos)),
    item('stats.readingDays', days(totals.readingDays)),
    item('stats.currentStreak', days(streaks.current), streaks.currentFrom ? t('stats.since', { date: formatDate(streaks.currentFrom) }) : null),
    item('stats.longestStreak', days(streaks.longest),
      streaks.longestFrom ? t('stats.range', { from: formatDate(streaks.longestFrom), to: formatDate(streaks.longestTo) }) : null));
}

function section(id, title, ...children) {
  return h('section', { class: 'card stats-section', 'aria-labelledby': id }, h('h2', { id }, title), children);
}

function finishedChart(data) {
  const values = data.booksFinishedByMonth;
  const best = values.indexOf(Math.max(...values));
  const label = t('stats.finishedLabel', { year: data.year, total: number(data.totals.booksFinished), month: monthName(best, 'long'), most: values[best] });
  return section('stats-finished', t('stats.finishedTitle'),
    barChart({ values, label, ticks: values.map((_, m) => ({ index: m, text: monthName(m) })) }),
    tableAlternative(t('stats.finishedTitle'), [t('stats.month'), t('stats.books')],
      values.map((v, m) => [monthName(m, 'long'), number(v)])));
}

/** The year's days as indexes 0–365, and the index of each month's first day. */
function dayIndex(year) {
  const start = Date.UTC(year, 0, 1);
  return {
    length: (Date.UTC(year + 1, 0, 1) - start) / 86_400_000,
    of: (iso) => (Date.parse(`${iso}T00:00:00Z`) - start) / 86_400_000,
    monthStarts: Array.from({ length: 12 }, (_, m) => (Date.UTC(year, m, 1) - start) / 86_400_000),
  };
}

function pagesChart(data) {
  const days = dayIndex(data.year);
  const values = new Array(days.length).fill(0);
  for (const { date, pages } of data.pagesByDay) values[days.of(date)] = pages;
  const label = t('stats.pagesLabel', { year: data.year, total: number(data.totals.pagesRead), days: data.pagesByDay.length });
  const since = data.progressHistorySince;
  const note = since == null || since.slice(0, 4) >= String(data.year)
    ? h('p', { class: 'muted' }, since == null ? t('stats.pagesFromMemos') : t('stats.pagesFromMemosBefore', { date: formatDate(since) }))
    : null;
  return section('stats-pages', t('stats.pagesTitle'),
    barChart({ values, label, className: 'daily', ticks: days.monthStarts.map((index, m) => ({ index, text: monthName(m) })) }),
    note,
    tableAlternative(t('stats.pagesTitle'), [t('stats.date'), t('stats.pages')],
      data.pagesByDay.map(({ date, pages }) => [formatDate(date), number(pages)])));
}

function memoHeatMap(data) {
  const counts = new Map(data.memosByDay.map(({ date, count }) => [date, count]));
  const busiest = data.memosByDay.reduce((a, b) => (b.count > (a?.count ?? 0) ? b : a), null);
  const label = busiest
    ? t('stats.heatLabel', { year: data.year, total: number(data.totals.memos), days: data.memosByDay.length, date: formatDate(busiest.date), most: busiest.count })
    : t('stats.heatLabelEmpty', { year: data.year });
  const legend = h('p', { class: 'heat-legend', 'aria-hidden': 'true' }, t('stats.less'),
    [0, 1, 2, 3, 4].map((level) => h('span', { class: `swatch shade-${level}` })), t('stats.more'));
  return section('stats-memos', t('stats.heatTitle'),
    // At phone width the year scrolls sideways inside its own box, which keyboard users reach by Tab.
    h('div', { class: 'heat-scroll', tabindex: '0', role: 'group', 'aria-labelledby': 'stats-memos' }, heatMap({ year: data.year, counts, label, monthName })),
    legend,
    tableAlternative(t('stats.heatTitle'), [t('stats.date'), t('stats.memos')],
      data.memosByDay.map(({ date, count }) => [formatDate(date), number(count)])));
}

function topTags(data) {
  const max = Math.max(1, ...data.topTags.map((tag) => tag.count));
  return section('stats-tags', t('stats.tagsTitle'), data.topTags.length === 0
    ? h('p', { class: 'muted' }, t('stats.noRows'))
    : h('table', { class: 'tag-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stats.tag')), h('th', { scope: 'col' }, t('stats.memos')))),
      h('tbody', {}, data.topTags.map((tag) => h('tr', {},
        h('th', { scope: 'row' }, tag.builtIn ? tagLabel(tag.code, tag.category) : h('span', { 'data-user-data': true }, tag.name)),
        h('td', {}, h('meter', { min: 0, max, value: tag.count, 'aria-hidden': 'true' }), ` ${number(tag.count)}`))))));
}

export async function render(main, where, { isCurrent }) {
  const wanted = /^\d{4}$/.test(where.params.year ?? '') ? Number(where.params.year) : null;
  main.append(heading(t('stats.title')), loading());
  let data;
  try {
    data = await api.get(`/stats${qs({ year: wanted })}`);
  } catch (error) {
    if (!isCurrent()) return;
    main.querySelector('.loading')?.replaceWith(errorBox(error, () => { main.replaceChildren(); render(main, where, { isCurrent }); }));
    return;
  }
  if (!isCurrent()) return;
  main.querySelector('.loading').replaceWith(h('div', { class: 'stats' },
    yearNav(data.year, data.today),
    summary(data),
    finishedChart(data),
    pagesChart(data),
    memoHeatMap(data),
    topTags(data)));
}
