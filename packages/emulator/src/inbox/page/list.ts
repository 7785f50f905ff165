import { api, reportError } from './api.js';
import { showNothing } from './detail.js';
import { byId, h } from './dom.js';
import { formatSize, formatTime, statusBadge } from './format.js';
import { state } from './state.js';
import type { WireSummary } from './wire.js';

function renderCounts(): void {
  const accepted = state.messages.filter((m) => m.status === 'accepted').length;
  const refused = state.messages.length - accepted;
  byId('counts').textContent = `${state.messages.length} messages · ${accepted} accepted · ${refused} refused`;
}

function renderRow(summary: WireSummary): HTMLLIElement {
  const recipients = summary.to.join(', ');
  const meta = [
    formatTime(summary.receivedAt, false),
    `${summary.from} → ${recipients}`,
    formatSize(summary.size),
    summary.attachments > 0 ? `${summary.attachments} attachment${summary.attachments > 1 ? 's' : ''}` : null,
  ].filter(Boolean);
  const link = h('a', { href: `#/messages/${encodeURIComponent(summary.id)}`, title: recipients }, [
    h('span', { className: 'row-subject', text: summary.subject || '(no subject)' }),
    statusBadge(summary),
    h('span', { className: 'row-meta', text: meta.join(' · ') }),
  ]);
  const selected = summary.id === state.selected ? 'selected' : null;
  return h('li', { 'data-id': summary.id, 'data-status': summary.status, className: selected }, [link]);
}

function renderList(): void {
  byId('message-list').replaceChildren(...state.messages.map(renderRow));
  byId('empty-list').hidden = state.messages.length > 0;
  renderCounts();
}

/** Reads the list again and renders it; forgets the selection when its message is gone. */
export async function refreshList(): Promise<void> {
  const body = await api<{ messages: WireSummary[] }>('/api/messages');
  state.messages = body.messages;
  renderList();
  if (state.selected !== null && !state.messages.some((m) => m.id === state.selected)) showNothing();
}

// Bursts of mail arrive faster than a list is worth re-reading: coalesce them.
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Refreshes the list soon, once for a burst of events. */
export function scheduleRefresh(): void {
  if (refreshTimer !== null) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshList().catch(reportError);
  }, 80);
}
