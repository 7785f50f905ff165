/** The inbox script's message list: newest first, a badge per status, the selected row highlighted. */
export const SCRIPT_LIST = `
function renderCounts() {
  const accepted = state.messages.filter((m) => m.status === 'accepted').length;
  const refused = state.messages.length - accepted;
  byId('counts').textContent =
    state.messages.length + ' messages · ' + accepted + ' accepted · ' + refused + ' refused';
}

function renderRow(summary) {
  const recipients = summary.to.join(', ');
  const meta = [
    formatTime(summary.receivedAt, false),
    summary.from + ' → ' + recipients,
    formatSize(summary.size),
    summary.attachments > 0 ? summary.attachments + ' attachment' + (summary.attachments > 1 ? 's' : '') : null,
  ].filter(Boolean);
  const link = h('a', { href: '#/messages/' + encodeURIComponent(summary.id), title: recipients }, [
    h('span', { className: 'row-subject', text: summary.subject || '(no subject)' }),
    statusBadge(summary),
    h('span', { className: 'row-meta', text: meta.join(' · ') }),
  ]);
  return h('li', { 'data-id': summary.id, 'data-status': summary.status, className: summary.id === state.selected ? 'selected' : null }, [link]);
}

function renderList() {
  byId('message-list').replaceChildren(...state.messages.map(renderRow));
  byId('empty-list').hidden = state.messages.length > 0;
  renderCounts();
}

async function refreshList() {
  const body = await api('/api/messages');
  state.messages = body.messages;
  renderList();
  if (state.selected !== null && !state.messages.some((m) => m.id === state.selected)) showNothing();
}

// Bursts of mail arrive faster than a list is worth re-reading: coalesce them.
let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer !== null) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshList().catch(reportError);
  }, 80);
}
`;
