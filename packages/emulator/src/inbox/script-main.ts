/** The inbox script's wiring: routing by location hash, live updates (server-sent events, else polling), buttons. */
export const SCRIPT_MAIN = String.raw`
function reportError(error) {
  byId('live').textContent = 'error: ' + (error && error.message ? error.message : String(error));
  byId('live').dataset.state = 'error';
}

function route() {
  const match = /^#\/messages\/(.+)$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]) : null;
  if (id === null) {
    showNothing();
    return;
  }
  state.selected = id;
  for (const row of byId('message-list').children) row.classList.toggle('selected', row.dataset.id === id);
  loadDetail(id).catch(reportError);
}

let pollTimer = null;
function setLive(mode) {
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

function connect() {
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
  events.addEventListener('faults', (event) => renderFaults(JSON.parse(event.data).faults));
}

function start() {
  byId('clear-messages').addEventListener('click', () => {
    sendJsonTo('/api/messages', 'DELETE').then(refreshList).catch(reportError);
  });
  setupFaultForm();
  window.addEventListener('hashchange', route);
  Promise.all([refreshList(), refreshFaults(), loadCatalog()])
    .then(route)
    .catch(reportError);
  connect();
}

start();
`;
