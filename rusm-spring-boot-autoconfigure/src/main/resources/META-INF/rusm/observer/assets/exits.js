// The recent exits (crashes first, their stack traces folded) and, in cluster mode, the nodes.

import { read, RequestError } from './api.js';
import { changed, count, fill, h, pidLink, time } from './dom.js';

const opened = new Set();

/** Reads the exit history and shows it; a crash opened by a click stays open across refreshes. */
export async function refreshExits() {
  const { exits = [] } = await read('/exits');
  const container = document.getElementById('exit-list');
  if (!changed('exits', exits)) return;
  if (exits.length === 0) {
    fill(container, h('p', { class: 'muted' }, 'No exits remembered yet.'));
    return;
  }
  fill(container, exits.map((exit) => {
    const key = exit.pid + '@' + exit.exitedAt;
    const summary = h('summary', {},
      h('span', { class: 'status ' + exit.reason }, exit.reason), ' ', pidLink(exit.pid),
      exit.label ? h('span', { class: 'label' }, exit.label) : null,
      exit.names && exit.names.length ? h('span', { class: 'label' }, exit.names.join(', ')) : null,
      h('span', { class: 'muted' }, time(exit.exitedAt)),
      exit.exception ? h('span', { class: 'exception' }, shortName(exit.exception.exception) + (exit.exception.message ? ': ' + exit.exception.message : '')) : null);
    if (!exit.exception) {
      return h('div', { class: 'exit', 'data-reason': exit.reason, 'data-pid': exit.pid }, summary.childNodes.length ? [...summary.childNodes] : null);
    }
    const details = h('details', { class: 'exit crash', 'data-reason': exit.reason, 'data-pid': exit.pid, open: opened.has(key) },
      summary,
      h('pre', { class: 'stack' }, [exit.exception.exception + (exit.exception.message ? ': ' + exit.exception.message : ''),
        ...(exit.exception.stackTrace || []).map((frame) => '    at ' + frame)].join('\n')));
    details.addEventListener('toggle', () => (details.open ? opened.add(key) : opened.delete(key)));
    return details;
  }));
}

function shortName(className) {
  return className.slice(className.lastIndexOf('.') + 1);
}

/** Whether the endpoint has a cluster section: it answers 200 only in cluster mode. */
export async function clusterAvailable() {
  try {
    await read('/cluster');
    return true;
  } catch (error) {
    if (error instanceof RequestError && error.status !== 0) return false;
    throw error;
  }
}

/** Reads the cluster section and shows the nodes and which node holds each global name. */
export async function refreshNodes() {
  const cluster = await read('/cluster');
  if (!changed('nodes', cluster)) return;
  fill(document.getElementById('cluster-name'), 'Cluster ', h('span', { class: 'label' }, cluster.cluster || ''));
  fill(document.querySelector('#node-table tbody'), (cluster.nodes || []).map((node) =>
    h('tr', { 'data-node': node.name, class: node.local ? 'local' : null },
      h('td', {}, node.name, node.local ? h('span', { class: 'badge' }, 'this node') : null),
      h('td', {}, node.address), h('td', { class: 'number' }, count(node.processes)))));
  fill(document.querySelector('#global-table tbody'), Object.entries(cluster.names || {}).map(([name, holder]) =>
    h('tr', { 'data-name': name }, h('td', {}, name), h('td', {}, pidLink(holder.pid)), h('td', {}, holder.node))));
}
