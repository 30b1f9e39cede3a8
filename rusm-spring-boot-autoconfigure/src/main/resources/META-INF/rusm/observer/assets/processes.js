// The process table (paged, sorted and filtered by the endpoint) and a process's detail.

import { killsAllowed, pidSegment, read, remove, RequestError } from './api.js';
import { age, changed, count, fill, filterLink, h, list, pidLink, refreshAges, time } from './dom.js';

const PAGE_SIZE = 50;

/** What the table shows: filters, sort and page; changed by the form, the headers and the pager. */
export const table = { label: '', tag: '', name: '', sort: 'pid', order: 'asc', offset: 0 };

/** Whether reading the table walks every process: it is not filtered by tag or name, which the runtime indexes. */
export function readsWholeTable() {
  return !table.tag && !table.name;
}

/** Sets the filters from a query such as "label=agent", as links to the table carry. */
export function applyQuery(query) {
  const params = new URLSearchParams(query);
  if ([...params.keys()].length === 0) return;
  for (const field of ['label', 'tag', 'name']) table[field] = params.get(field) || '';
  table.offset = 0;
  const form = document.getElementById('filter');
  for (const field of ['label', 'tag', 'name']) form.elements[field].value = table[field];
  form.elements.pid.value = '';
}

/** Wires the form, the sortable headers and the pager; onChange refreshes the table. */
export function wireTable(onChange) {
  const form = document.getElementById('filter');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pid = form.elements.pid.value.trim();
    if (pid) {
      location.hash = '#process/' + encodeURIComponent(/^\d+$/.test(pid) ? `<0.${pid}.0>` : pid);
      return;
    }
    for (const field of ['label', 'tag', 'name']) table[field] = form.elements[field].value.trim();
    table.offset = 0;
    onChange();
  });
  form.addEventListener('reset', () => {
    Object.assign(table, { label: '', tag: '', name: '', offset: 0 });
    setTimeout(onChange);
  });
  for (const header of document.querySelectorAll('#process-table th[data-sort]')) {
    header.addEventListener('click', () => {
      const sort = header.dataset.sort;
      table.order = table.sort === sort && table.order === 'asc' ? 'desc' : 'asc';
      table.sort = sort;
      table.offset = 0;
      onChange();
    });
  }
  document.getElementById('prev').addEventListener('click', () => {
    table.offset = Math.max(0, table.offset - PAGE_SIZE);
    onChange();
  });
  document.getElementById('next').addEventListener('click', () => {
    table.offset += PAGE_SIZE;
    onChange();
  });
}

/** Reads the current page of processes and shows it. */
export async function refreshTable(onChange) {
  const query = new URLSearchParams({ limit: PAGE_SIZE, offset: table.offset, sort: table.sort, order: table.order });
  for (const field of ['label', 'tag', 'name']) if (table[field]) query.set(field, table[field]);
  const page = await read('/processes?' + query);
  const processes = page.processes || [];
  const total = page.total ?? processes.length;
  if (processes.length === 0 && table.offset > 0 && total > 0) {
    table.offset = Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
    return onChange();
  }
  const now = Date.now();
  const kills = killsAllowed();
  const body = document.querySelector('#process-table tbody');
  if (!changed('table', [page, table, kills])) {
    refreshAges(body, now);
    return;
  }
  document.getElementById('process-table').classList.toggle('with-kills', kills);
  fill(body, processes.map((process) =>
    h('tr', { 'data-pid': process.pid, 'data-label': process.label || '' },
      h('td', {}, pidLink(process.pid)),
      h('td', {}, process.label ? filterLink('label', process.label) : h('span', { class: 'muted' }, '–')),
      h('td', { class: 'wide' }, list(process.names, (name) => filterLink('name', name))),
      h('td', {}, list([...(process.tags || [])].sort(), (tag) => filterLink('tag', tag))),
      h('td', { class: 'number' }, process.mailboxDepth ?? h('span', { class: 'muted', title: 'depth tracking is off' }, 'n/a')),
      h('td', { class: 'number', 'data-started': process.startedAt }, process.startedAt ? age(process.startedAt, now) : '–'),
      h('td', {}, stateOf(process)),
      h('td', { class: 'kill-column' }, kills ? killButton(process.pid, onChange) : null))));
  const first = processes.length ? table.offset + 1 : 0;
  const filtered = table.label || table.tag || table.name ? ' (filtered)' : '';
  fill(document.getElementById('page-info'), `${count(first)}–${count(table.offset + processes.length)} of ${count(total)}${filtered}`);
  document.getElementById('prev').disabled = table.offset === 0;
  document.getElementById('next').disabled = !(page.truncated ?? false);
  for (const header of document.querySelectorAll('#process-table th[data-sort]')) {
    header.classList.toggle('sorted', header.dataset.sort === table.sort);
    header.dataset.order = header.dataset.sort === table.sort ? table.order : '';
  }
}

function stateOf(process) {
  const state = process.state || process.status || 'alive';
  return h('span', { class: 'status ' + state, title: process.exitingSince ? 'exiting since ' + time(process.exitingSince) : null }, state);
}

function killButton(pid, onChange) {
  return h('button', {
    type: 'button', class: 'kill', title: 'Kill ' + pid,
    onclick: async (event) => {
      event.stopPropagation();
      if (!confirm(`Kill process ${pid}?`)) return;
      try {
        await remove('/processes/' + pidSegment(pid));
      } catch (error) {
        alert(`Could not kill ${pid}: ${error.message}`);
      }
      onChange();
    },
  }, 'Kill');
}

/** Reads one process (alive, or its exit record) and shows its detail. */
export async function refreshDetail(pid, onChange) {
  const container = document.getElementById('process-detail');
  let process;
  try {
    process = await read('/processes/' + pidSegment(pid));
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) {
      changed('detail', null);
      fill(container, h('h2', {}, 'Process ', pid), h('p', { class: 'muted' }, 'Not alive, and not in the exit history (any more).'));
      return;
    }
    throw error;
  }
  if (!changed('detail', process)) {
    refreshAges(container);
    return;
  }
  const alive = process.status === 'alive';
  const rows = [
    ['Status', h('span', { class: 'status ' + (process.state || process.status) }, alive ? (process.state || 'alive') : 'exited: ' + process.reason)],
    process.exitingSince ? ['Exiting since', time(process.exitingSince)] : null,
    ['Label', process.label ? filterLink('label', process.label) : '–'],
    ['Names', list(process.names, (name) => filterLink('name', name))],
    ['Tags', list([...(process.tags || [])].sort(), (tag) => filterLink('tag', tag))],
    alive ? ['Links', list(process.links, pidLink)] : null,
    alive ? ['Monitored by', list(process.monitoredBy, pidLink)] : null,
    alive ? ['Mailbox depth', process.mailboxDepth ?? 'not tracked (rusm.mailbox.track-depth=false)'] : null,
    alive ? ['Traps exits', process.trapExit ? 'yes' : 'no'] : null,
    ['Started', process.startedAt ? h('span', {}, time(process.startedAt), ' (', h('span', { 'data-started': process.startedAt }, age(process.startedAt)), ' ago)') : '–'],
    process.exitedAt ? ['Exited', time(process.exitedAt)] : null,
  ].filter(Boolean);
  const stack = alive ? process.stackTrace : process.exception && process.exception.stackTrace;
  fill(container,
    h('h2', {}, 'Process ', h('span', { class: 'pid' }, process.pid),
      alive && killsAllowed() ? killButton(process.pid, onChange) : null),
    h('dl', { class: 'facts' }, rows.map(([key, value]) => [h('dt', {}, key), h('dd', {}, value)])),
    process.exception ? h('p', { class: 'exception' }, process.exception.exception + (process.exception.message ? ': ' + process.exception.message : '')) : null,
    h('h3', {}, alive ? 'Current stack' : 'Stack trace'),
    stack && stack.length ? h('pre', { class: 'stack' }, stack.join('\n'))
      : h('p', { class: 'muted' }, alive ? 'The endpoint does not report stacks in this version.' : 'No stack trace: it did not crash.'));
}
