/**
 * The inbox script's body tabs: the HTML in a sandboxed iframe (no scripts; its own strict policy from the
 * server; remote images only when switched on), the text, the headers, the attachments and the raw source.
 */
export const SCRIPT_TABS = String.raw`
function htmlPanel(detail) {
  if (!detail.htmlUrl) return h('p', { className: 'muted', text: 'This message has no HTML part.' });
  const frame = document.createElement('iframe');
  // The sandbox must be in place before the first navigation: no scripts, no forms, no popups, opaque origin.
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('title', 'HTML body of the message');
  frame.className = 'html-frame';
  frame.src = detail.htmlUrl + (state.remoteImages ? '?images=remote' : '');
  const toggle = h('input', { type: 'checkbox', id: 'remote-images', checked: state.remoteImages });
  toggle.addEventListener('change', () => {
    state.remoteImages = toggle.checked;
    frame.src = detail.htmlUrl + (state.remoteImages ? '?images=remote' : '');
  });
  return h('div', {}, [
    h('div', { className: 'frame-bar' }, [
      h('label', {}, [toggle, ' Load remote images']),
      h('span', { text: '· scripts never run; remote images are blocked unless switched on' }),
    ]),
    frame,
  ]);
}

function textPanel(detail) {
  if (!detail.parsed.text) return h('p', { className: 'muted', text: 'This message has no text part.' });
  return h('pre', { className: 'source', id: 'text-body', text: detail.parsed.text });
}

function headersPanel(detail) {
  return h('pre', { className: 'source headers', text: detail.parsed.headers.map((header) => header.line).join('\n') });
}

function attachmentsPanel(detail) {
  const list = detail.parsed.attachments;
  if (list.length === 0) return h('p', { className: 'muted', text: 'No attachments.' });
  return h('ul', { className: 'attachments' }, list.map((attachment) => {
    const name = attachment.filename || 'attachment-' + attachment.index;
    const dropped = attachment.contentDisposition !== 'attachment';
    return h('li', {}, [
      h('a', { href: attachment.url, download: name, text: name }),
      h('span', { className: 'muted', text: attachment.contentType + ' · ' + formatSize(attachment.size) }),
      dropped ? h('span', { className: 'badge warn', text: 'disposition ' + (attachment.contentDisposition || 'none') + ': dropped by the service (R12)' }) : null,
    ]);
  }));
}

function rawPanel(detail) {
  const pre = h('pre', { className: 'source', id: 'raw-source', text: 'Loading…' });
  fetch(detail.rawUrl)
    .then((response) => response.text())
    .then((text) => { pre.textContent = text; })
    .catch((error) => { pre.textContent = 'Could not load the source: ' + error.message; });
  return h('div', {}, [
    h('p', {}, [h('a', { href: detail.rawUrl, download: 'message-' + detail.id + '.eml', text: 'Download .eml' })]),
    pre,
  ]);
}

const TABS = [
  ['html', 'HTML', htmlPanel],
  ['text', 'Text', textPanel],
  ['headers', 'Headers', headersPanel],
  ['attachments', 'Attachments', attachmentsPanel],
  ['raw', 'Raw source', rawPanel],
];

function tabsBlock(detail) {
  if (state.tab === 'html' && !detail.htmlUrl) state.tab = 'text';
  const panel = h('div', { className: 'tab-panel', role: 'tabpanel', id: 'tab-panel' });
  const bar = h('div', { className: 'tabs', role: 'tablist' });
  const show = (key) => {
    state.tab = key;
    for (const button of bar.children) button.setAttribute('aria-selected', String(button.dataset.tab === key));
    const entry = TABS.find((tab) => tab[0] === key);
    panel.replaceChildren(entry[2](detail));
  };
  for (const [key, title] of TABS) {
    const count = key === 'attachments' ? ' (' + detail.parsed.attachments.length + ')' : '';
    bar.append(h('button', { type: 'button', role: 'tab', 'data-tab': key, text: title + count, onclick: () => show(key) }));
  }
  show(state.tab);
  return h('div', {}, [bar, panel]);
}
`;
