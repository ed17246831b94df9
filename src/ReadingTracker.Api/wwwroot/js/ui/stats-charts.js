// Charts of the statistics screen, drawn as SVG without a library. Each chart is one image to assistive technology
// (role="img", an aria-label that says what it shows and its main figures, and a <title>); the numbers themselves are in
// the table that goes with every chart (tableAlternative), so nothing is only in the picture.
import { h } from '../dom.js';
import { t } from '../i18n.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children (text becomes a text node). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value != null) el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child != null) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** The outer <svg>: scales with its container, one accessible image. */
export function chartSvg(width, height, label, className, ...children) {
  return s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: `chart ${className}`, preserveAspectRatio: 'xMinYMin meet' },
    s('title', {}, label), ...children);
}

/**
 * Vertical bars, one per value, on a baseline with a few gridlines. `ticks`: [{index, text}] under the bars (months,
 * or the first day of each month when there is a bar per day).
 */
export function barChart({ values, label, ticks, className = '' }) {
  const width = 720;
  const height = 220;
  const top = 12;
  const bottom = 28;
  const left = 40;
  const plot = height - top - bottom;
  const max = Math.max(1, ...values);
  const step = (width - left - 4) / Math.max(1, values.length);
  const barWidth = Math.max(1, step * (values.length > 40 ? 1 : 0.7));
  // Whole numbers only: a chart whose busiest bar is 1 gets the lines 0 and 1, not 0, 1 and 1.
  const grid = [...new Set([0, Math.round(max / 2), max])].map((value) => {
    const y = top + plot - ((plot * value) / max);
    return s('g', { class: 'grid' }, s('line', { x1: left, x2: width, y1: y, y2: y }),
      s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, value));
  });
  const bars = values.map((v, i) => (v > 0
    ? s('rect', { class: 'bar', x: left + (i * step) + ((step - barWidth) / 2), y: top + plot - ((plot * v) / max), width: barWidth, height: (plot * v) / max })
    : null));
  const labels = ticks.map(({ index, text }) => s('text', { class: 'tick', x: left + (index * step) + (values.length > 40 ? 0 : step / 2), y: height - 8, 'text-anchor': values.length > 40 ? 'start' : 'middle' }, text));
  return chartSvg(width, height, label, `bar-chart ${className}`, grid, bars, labels);
}

/** The table behind a chart, folded under a "show as a table" summary. rows: [[cell, …]]. */
export function tableAlternative(caption, headers, rows) {
  return h('details', { class: 'chart-table' },
    h('summary', {}, t('stats.showTable')),
    rows.length === 0
      ? h('p', { class: 'muted' }, t('stats.noRows'))
      : h('table', {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, rows.map(([first, ...rest]) => h('tr', {}, h('th', { scope: 'row' }, first), rest.map((cell) => h('td', {}, cell)))))));
}
