// The views fed by the endpoint's summary (GET /actuator/rusm): overview, supervision tree and groups.

import { killsAllowed, remove } from './api.js';
import { barChart, lineChart } from './charts.js';
import { changed, count, fill, filterLink, h, pidLink } from './dom.js';

const SPAN = 5 * 60 * 1000;
const MIN_SPAN = 60 * 1000;
const history = [];

/** Remembers one summary for the rate chart; kept for the last five minutes. */
export function record(summary, now = Date.now()) {
  history.push({ time: now, spawned: summary.spawned, finished: summary.finished, processes: summary.processes });
  while (history.length > 2 && history[0].time < now - SPAN - 5000) history.shift();
}

/** The overview: counters, the census chart and the spawn and exit rates. */
export function renderOverview(summary) {
  const counters = [
    ['processes', 'Processes', summary.processes],
    ['spawned', 'Spawned', summary.spawned],
    ['exited', 'Exited', summary.finished],
    ['dropped', 'Dropped messages', summary.droppedMessages],
    ['timers', 'Pending timers', summary.pendingTimers],
    ['names', 'Names', summary.namesTotal ?? Object.keys(summary.names || {}).length],
    ['tags', 'Tags', summary.tagsTotal ?? Object.keys(summary.tags || {}).length],
  ];
  fill(document.getElementById('counters'), counters.map(([key, caption, value]) =>
    h('div', { class: 'counter', 'data-counter': key }, h('span', { class: 'number' }, count(value)), h('span', { class: 'caption' }, caption))));
  const census = Object.entries(summary.census || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = census.slice(0, 12);
  const labels = summary.labelsTotal ?? census.length;
  barChart(document.getElementById('census-chart'), shown, labels - shown.length);
  lineChart(document.getElementById('rate-chart'), [
    { name: 'spawns/s', cssClass: 'spawns', points: rates('spawned') },
    { name: 'exits/s', cssClass: 'exits', points: rates('finished') },
  ], chartSpan());
}

// The rate chart covers the time since the page opened: at least a minute, at most five.
function chartSpan(now = Date.now()) {
  const covered = history.length ? now - history[0].time : 0;
  return Math.min(SPAN, Math.max(MIN_SPAN, Math.ceil(covered / MIN_SPAN) * MIN_SPAN));
}

function rates(field) {
  const points = [];
  for (let i = 1; i < history.length; i++) {
    const seconds = (history[i].time - history[i - 1].time) / 1000;
    if (seconds > 0) points.push([history[i].time, Math.max(0, history[i][field] - history[i - 1][field]) / seconds]);
  }
  return points;
}

/** The supervision tree: each @RusmProcess singleton under its supervisor. */
export function renderTree(summary) {
  const singletons = summary.singletons || [];
  if (!changed('tree', [singletons, summary.processes])) return;
  const bySupervisor = new Map();
  for (const singleton of singletons) {
    const key = singleton.supervisor || 'supervisor of ' + singleton.name;
    if (!bySupervisor.has(key)) bySupervisor.set(key, []);
    bySupervisor.get(key).push(singleton);
  }
  const root = h('li', { class: 'node root' }, h('span', { class: 'title' }, 'runtime'),
    h('span', { class: 'muted' }, ` ${count(summary.processes)} processes`));
  const supervisors = h('ul');
  for (const [supervisor, children] of bySupervisor) {
    const title = supervisor.startsWith('<') ? h('span', {}, 'supervisor ', pidLink(supervisor)) : h('span', { class: 'muted' }, supervisor);
    supervisors.append(h('li', { class: 'node supervisor' }, title, h('ul', {}, children.map(singletonNode))));
  }
  if (singletons.length === 0) supervisors.append(h('li', { class: 'muted' }, 'No @RusmProcess singletons.'));
  root.append(supervisors);
  fill(document.getElementById('supervision'), root);
}

function singletonNode(singleton) {
  const restarted = singleton.restarts > 0;
  const status = (singleton.status || 'unknown').toLowerCase();
  return h('li', { class: 'node singleton' + (restarted ? ' restarted' : ''), 'data-name': singleton.name, 'data-status': status, 'data-restarts': singleton.restarts },
    h('span', { class: 'title' }, singleton.name),
    ' ', singleton.pid ? pidLink(singleton.pid) : h('span', { class: 'muted' }, 'no pid'),
    ' ', h('span', { class: 'status ' + status }, status),
    restarted ? h('span', { class: 'badge warn' }, `restarted ×${singleton.restarts}`) : null,
    singleton.lastExit ? h('span', { class: 'muted last-exit' }, ' last exit: ' + singleton.lastExit) : null);
}

/** The groups view: tags with their member counts, names with their holders. */
export function renderGroups(summary, refresh) {
  if (!changed('groups', [summary.tags, summary.tagsTotal, summary.names, summary.namesTotal, killsAllowed()])) return;
  const tags = Object.entries(summary.tags || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const tagsTotal = summary.tagsTotal ?? tags.length;
  fill(document.getElementById('tags-info'), tagsTotal > tags.length ? `The ${tags.length} largest of ${count(tagsTotal)} tags.` : `${count(tagsTotal)} tags.`);
  fill(document.querySelector('#tag-table tbody'), tags.map(([tag, members]) =>
    h('tr', { 'data-tag': tag }, h('td', {}, filterLink('tag', tag)), h('td', { class: 'number' }, count(members)),
      h('td', { class: 'kill-column' }, killsAllowed() ? killTagButton(tag, members, refresh) : null))));
  const names = Object.entries(summary.names || {});
  const namesTotal = summary.namesTotal ?? names.length;
  fill(document.getElementById('names-info'), namesTotal > names.length ? `The first ${names.length} of ${count(namesTotal)} names.` : `${count(namesTotal)} names.`);
  fill(document.querySelector('#name-table tbody'), names.map(([name, pid]) =>
    h('tr', { 'data-name': name }, h('td', {}, filterLink('name', name)), h('td', {}, pidLink(pid)))));
}

function killTagButton(tag, members, refresh) {
  return h('button', {
    type: 'button', class: 'kill', title: `Kill every process tagged ${tag}`,
    onclick: async () => {
      if (!confirm(`Kill all ${count(members)} processes tagged "${tag}"?`)) return;
      try {
        await remove('/tags/' + encodeURIComponent(tag));
      } catch (error) {
        alert(`Could not kill tag "${tag}": ${error.message}`);
      }
      refresh();
    },
  }, 'Kill tag');
}
