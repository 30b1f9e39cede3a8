// The observer page: loads the settings, then refreshes the visible view (and the summary) on a timer.
// Only what is on screen is read; nothing is read while the browser tab is hidden. The summary is cheap and read
// every tick by the views that show it or follow its spawn and exit counts; a view's own, costlier read (the process
// table, the exits) happens when the summary shows processes were spawned or exited since, when the person changes
// what the view shows, and otherwise only every few ticks (on a table of more than BIG_TABLE processes, read whole,
// at most every BIG_TABLE_TICKS ticks after spawns or exits). A process's detail and the nodes need no summary.

import { clusterAvailable, refreshExits, refreshNodes } from './exits.js';
import { currentSettings, killsAllowed, loadSettings, read, RequestError } from './api.js';
import { problem } from './dom.js';
import { applyQuery, readsWholeTable, refreshDetail, refreshTable, wireTable } from './processes.js';
import { record, renderGroups, renderOverview, renderTree } from './summary.js';

let view = 'overview';
let detailPid = null;
let timer = null;
let ticks = 0;
let running = false;
let forced = true;
let churn = null;
let stale = false;
let loaded = 0;

// A process table this large costs a walk of every process per read unless filtered by tag or name (which the
// runtime's indexes answer); after spawns or exits it is read again at most every BIG_TABLE_TICKS ticks.
const BIG_TABLE = 20000;
const BIG_TABLE_TICKS = 4;

// load: the view's own read; every: read at least every that many ticks; onChurn: also read after spawns or exits,
// at most every churnEvery(summary) ticks.
const views = {
  overview: { summary: renderOverview },
  tree: { summary: renderTree },
  groups: { summary: (summary) => renderGroups(summary, refreshNow) },
  processes: {
    load: () => refreshTable(refreshNow), every: 10, onChurn: true,
    churnEvery: (summary) => (readsWholeTable() && summary.processes > BIG_TABLE ? BIG_TABLE_TICKS : 1),
  },
  process: { load: () => refreshDetail(detailPid, refreshNow), every: 1 },
  exits: { load: refreshExits, every: 20, onChurn: true, churnEvery: () => 2 },
  nodes: { load: refreshNodes, every: 4 },
};

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const [path, query] = hash.split('?');
  if (path.startsWith('process/')) {
    view = 'process';
    detailPid = path.slice('process/'.length);
  } else {
    view = views[path] ? path : 'overview';
  }
  if (view === 'processes' && query) applyQuery(query);
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== view;
  for (const tab of document.querySelectorAll('#tabs a')) {
    tab.classList.toggle('active', tab.dataset.view === view || (view === 'process' && tab.dataset.view === 'processes'));
  }
  refreshNow();
}

/** Refreshes the visible view at once, its own read included, then on the usual rhythm. */
function refreshNow() {
  ticks = 0;
  loaded = 0;
  forced = true;
  schedule(0);
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(tick, delay);
}

async function tick() {
  if (running) return schedule(50);
  if (document.hidden) return schedule(currentSettings().refreshMillis);
  running = true;
  try {
    const current = views[view];
    let churnEvery = 1;
    if (current.summary || current.onChurn) {
      const summary = await read('');
      record(summary);
      if (current.summary) current.summary(summary);
      const now = summary.spawned + '/' + summary.finished;
      stale = stale || (current.onChurn && now !== churn);
      churn = now;
      if (current.churnEvery) churnEvery = current.churnEvery(summary);
    }
    if (current.load && (forced || ticks % current.every === 0 || (stale && ticks - loaded >= churnEvery))) {
      forced = false;
      stale = false;
      loaded = ticks;
      await current.load();
    }
    live(true);
    problem('');
  } catch (error) {
    forced = true;
    live(false);
    problem(describe(error));
  } finally {
    running = false;
    ticks++;
    schedule(currentSettings().refreshMillis);
  }
}

function describe(error) {
  if (error instanceof RequestError && (error.status === 401 || error.status === 403)) {
    return `Not allowed to read the rusm endpoint (HTTP ${error.status}): sign in with a user who may read it.`;
  }
  if (error instanceof RequestError && error.status === 404) {
    return 'The rusm endpoint is not found (HTTP 404): is it exposed (management.endpoints.web.exposure.include=rusm)?';
  }
  return error.message;
}

function live(ok) {
  const badge = document.getElementById('live');
  badge.textContent = ok ? 'live' : 'offline';
  badge.className = 'badge ' + (ok ? 'ok' : 'error');
}

async function start() {
  let settings;
  try {
    settings = await loadSettings();
  } catch (error) {
    live(false);
    problem('Cannot load the observer settings: ' + describe(error));
    return;
  }
  const access = document.getElementById('access');
  access.hidden = false;
  access.textContent = killsAllowed() ? 'kills allowed' : 'read-only';
  access.className = 'badge ' + (killsAllowed() ? 'warn' : '');
  access.title = killsAllowed() ? 'management.endpoint.rusm.access=unrestricted'
    : 'Killing needs management.endpoint.rusm.access=unrestricted';
  document.body.classList.toggle('read-only', !killsAllowed());
  if (!settings.endpoint) {
    document.body.classList.add('unavailable');
    live(false);
    problem(settings.problem);
    for (const section of document.querySelectorAll('main > section')) section.hidden = true;
    return;
  }
  wireTable(refreshNow);
  window.addEventListener('hashchange', route);
  document.addEventListener('visibilitychange', () => document.hidden || refreshNow());
  route();
  if (await clusterAvailable().catch(() => false)) {
    document.querySelector('#tabs a[data-view=nodes]').hidden = false;
  }
}

start();
