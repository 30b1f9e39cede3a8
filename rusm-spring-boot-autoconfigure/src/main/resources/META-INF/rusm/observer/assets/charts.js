// Two small SVG charts drawn by hand: horizontal bars (the census) and lines over time (the rates).
// No charting library: these two are all the page needs, and SVG scales to any window.

import { count, h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Horizontal bars, largest first: entries is [[label, value], ...]. Each bar's group carries data-label and
 * data-value, and links to the process table filtered by that label.
 */
export function barChart(container, entries, more = 0) {
  const rowHeight = 22;
  const width = 480;
  const labelWidth = 150;
  const valueWidth = 70;
  const max = Math.max(1, ...entries.map(([, value]) => value));
  const height = Math.max(1, entries.length) * rowHeight + (more > 0 ? rowHeight : 0);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'bars' });
  entries.forEach(([label, value], index) => {
    const y = index * rowHeight;
    const bar = svg('a', { href: '#processes?' + new URLSearchParams({ label }), 'data-label': label, 'data-value': value });
    bar.append(svg('title', {}, `${label}: ${count(value)}`));
    bar.append(svg('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', class: 'axis' }, clip(label, 20)));
    const barWidth = Math.max(2, ((width - labelWidth - valueWidth) * value) / max);
    bar.append(svg('rect', { x: labelWidth, y: y + 3, width: barWidth, height: rowHeight - 6, rx: 3, class: 'bar' }));
    bar.append(svg('text', { x: labelWidth + barWidth + 6, y: y + 15, class: 'value' }, count(value)));
    chart.append(bar);
  });
  if (entries.length === 0) {
    chart.append(svg('text', { x: 8, y: 15, class: 'axis' }, 'No live processes'));
  }
  if (more > 0) {
    chart.append(svg('text', { x: labelWidth, y: entries.length * rowHeight + 15, class: 'axis' }, `… and ${count(more)} more labels`));
  }
  container.replaceChildren(chart);
}

/**
 * Lines over the last `span` milliseconds: series is [{name, cssClass, points: [[time, value], ...]}].
 */
export function lineChart(container, series, span, now = Date.now()) {
  const width = 480;
  const height = 180;
  const left = 44;
  const bottom = 20;
  const top = 8;
  const max = niceMax(Math.max(1, ...series.flatMap((line) => line.points.map(([, value]) => value))));
  const x = (t) => left + ((width - left - 4) * (t - (now - span))) / span;
  const y = (value) => top + (height - top - bottom) * (1 - value / max);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'lines' });
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y(value), y2: y(value), class: 'grid' }));
    chart.append(svg('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis' }, count(Math.round(value * 10) / 10)));
  }
  const minutes = Math.round(span / 60000);
  chart.append(svg('text', { x: left, y: height - 4, class: 'axis' }, `−${minutes} min`));
  chart.append(svg('text', { x: width - 4, y: height - 4, 'text-anchor': 'end', class: 'axis' }, 'now'));
  for (const line of series) {
    const visible = line.points.filter(([t]) => t >= now - span);
    if (visible.length > 1) {
      const path = visible.map(([t, value], index) => `${index === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
      chart.append(svg('path', { d: path, class: 'line ' + line.cssClass }));
    }
  }
  const legend = h('div', { class: 'legend' }, series.map((line) => {
    const last = line.points.length ? line.points[line.points.length - 1][1] : 0;
    return h('span', { class: 'key ' + line.cssClass }, `${line.name}: ${count(Math.round(last * 10) / 10)}`);
  }));
  container.replaceChildren(chart, legend);
}

function niceMax(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

function clip(text, length) {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}
