// Small DOM helpers shared by the views: element creation, pid links, number and age formats.

/** Creates an element: h('td', {class: 'x'}, 'text', child, ...). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces the children of an element. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
}

/** A link to a process's detail view. */
export function pidLink(pid) {
  return h('a', { href: '#process/' + encodeURIComponent(pid), class: 'pid' }, pid);
}

/** A link to the process table filtered by one field (label, tag or name). */
export function filterLink(field, value) {
  const query = new URLSearchParams({ [field]: value });
  return h('a', { href: '#processes?' + query, class: 'chip' }, value);
}

/** A list of values, comma separated, or a dash when empty. */
export function list(values, render = (value) => value) {
  if (!values || values.length === 0) return h('span', { class: 'muted' }, '–');
  const items = [];
  values.forEach((value, index) => {
    if (index > 0) items.push(' ');
    items.push(render(value));
  });
  return h('span', {}, items);
}

const numbers = new Intl.NumberFormat('en');

/** A count with thousands separators. */
export function count(value) {
  return value === undefined || value === null ? '–' : numbers.format(value);
}

/** How long ago an ISO instant was, such as "3m 12s". */
export function age(instant, now = Date.now()) {
  const seconds = Math.max(0, Math.floor((now - Date.parse(instant)) / 1000));
  if (seconds < 60) return seconds + 's';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + 'm ' + (seconds % 60) + 's';
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours + 'h ' + (minutes % 60) + 'm';
  return Math.floor(hours / 24) + 'd ' + (hours % 24) + 'h';
}

/** A time of day for an ISO instant, in the browser's zone. */
export function time(instant) {
  return new Date(instant).toLocaleTimeString();
}

/** Shows a problem above the views, or hides the banner when the message is empty. */
export function problem(message) {
  const banner = document.getElementById('problem');
  banner.textContent = message || '';
  banner.hidden = !message;
}

const rendered = new Map();

/**
 * Whether data differs from what was last rendered under this key; views skip rebuilding unchanged DOM, so a
 * person's selection, an open fold or a hovered button stays put between refreshes.
 */
export function changed(key, data) {
  const text = JSON.stringify(data);
  if (rendered.get(key) === text) return false;
  rendered.set(key, text);
  return true;
}

/** Forgets what was rendered under a key, so the next refresh rebuilds it. */
export function forget(key) {
  rendered.delete(key);
}

/** Updates the ages shown by elements carrying data-started, without rebuilding them. */
export function refreshAges(container, now = Date.now()) {
  for (const cell of container.querySelectorAll('[data-started]')) cell.textContent = age(cell.dataset.started, now);
}
