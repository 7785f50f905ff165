/**
 * The inbox page's script (bundled into one classic script, served as `/inbox/app.js`): routing by location
 * hash, live updates (server-sent events, else polling) and the buttons. It talks to the JSON API only.
 */
import { reportError, sendJsonTo } from './api.js';
import { loadDetail, showNothing } from './detail.js';
import { byId } from './dom.js';
import { loadCatalog, refreshFaults, renderFaults, setupFaultForm } from './faults.js';
import { refreshList, scheduleRefresh } from './list.js';
import { loadRules } from './rules.js';
import { state } from './state.js';
import { scheduleTimeline } from './timeline.js';
import type { WireFault } from './wire.js';

function route(): void {
  const match = /^#\/messages\/(.+)$/.exec(location.hash);
  const id = match?.[1] === undefined ? null : decodeURIComponent(match[1]);
  if (id === null) {
    showNothing();
    return;
  }
  state.selected = id;
  for (const row of byId('message-list').querySelectorAll('li'))
    row.classList.toggle('selected', row.dataset.id === id);
  loadDetail(id).catch(reportError);
}

type LiveMode = 'connecting' | 'live' | 'polling';
let pollTimer: ReturnType<typeof setInterval> | null = null;

function setLive(mode: LiveMode): void {
  const badge = byId('live');
  badge.dataset.state = mode;
  badge.textContent = mode === 'live' ? 'live' : mode === 'polling' ? 'polling' : 'connecting…';
  if (mode === 'live' && pollTimer !== null) {
    clearInterval(pollTimer);
    pollTimer = null;
  }
  if (mode === 'polling' && pollTimer === null) {
    pollTimer = setInterval(() => {
      refreshList().catch(reportError);
      refreshFaults().catch(reportError);
    }, 2000);
  }
}

function connect(): void {
  if (typeof EventSource === 'undefined') {
    setLive('polling');
    return;
  }
  const events = new EventSource('/api/events');
  events.onopen = () => {
    setLive('live');
    // Whatever arrived while the stream was down.
    scheduleRefresh();
  };
  events.onerror = () => setLive('polling');
  events.addEventListener('message', scheduleRefresh);
  events.addEventListener('cleared', scheduleRefresh);
  events.addEventListener('timeline', (event) => {
    scheduleTimeline((JSON.parse((event as MessageEvent<string>).data) as { id: string }).id);
  });
  events.addEventListener('faults', (event) => {
    renderFaults((JSON.parse((event as MessageEvent<string>).data) as { faults: WireFault[] }).faults);
  });
}

function start(): void {
  byId('clear-messages').addEventListener('click', () => {
    sendJsonTo('/api/messages', 'DELETE').then(refreshList).catch(reportError);
  });
  setupFaultForm();
  window.addEventListener('hashchange', route);
  Promise.all([refreshList(), refreshFaults(), loadCatalog(), loadRules()]).then(route).catch(reportError);
  connect();
}

start();
