/**
 * The inbox script's helpers: element building (text goes through `textContent` only, attributes through
 * `setAttribute`, never `innerHTML`), JSON requests and formatting. Plain ES2020 for the browser.
 */
export const SCRIPT_DOM = `
const state = { messages: [], selected: null, detail: null, tab: 'html', remoteImages: false, catalog: [] };

function byId(id) {
  return document.getElementById(id);
}

// Builds an element: props.text becomes textContent, on* props become listeners, the rest attributes.
function h(tag, props, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children || []) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

async function api(path, init) {
  const response = await fetch(path, Object.assign({ headers: { accept: 'application/json' } }, init || {}));
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + response.status;
    throw new Error(error);
  }
  return body;
}

function sendJsonTo(path, method, body) {
  return api(path, {
    method: method,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function formatSize(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KiB';
  return (bytes / 1024 / 1024).toFixed(2) + ' MiB';
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function formatTime(iso, withDate) {
  const date = new Date(iso);
  const time = pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  const day = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return withDate || !sameDay ? day + ' ' + time : time;
}

function messagePath(id) {
  return '/api/messages/' + encodeURIComponent(id);
}

// The refusal's code as a list badge shows it: the provider code, else the SMTP code of the reply.
function refusalLabel(summary) {
  if (summary.providerCode) return summary.providerCode;
  if (summary.reply) return summary.reply.slice(0, 3);
  return summary.reason;
}

function statusBadge(summary) {
  if (summary.status === 'accepted') {
    const dropped = summary.reply === null;
    return h('span', {
      className: dropped ? 'badge warn' : 'badge accepted',
      text: dropped ? 'accepted · no reply' : 'accepted',
      title: dropped ? 'The connection broke after the final dot: stored as accepted, the client saw no reply' : null,
    });
  }
  return h('span', { className: 'badge refused', text: 'refused · ' + refusalLabel(summary), title: summary.reply || '' });
}
`;
