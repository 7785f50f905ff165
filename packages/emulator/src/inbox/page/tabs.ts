import { h } from './dom.js';
import { decodeHeaderLine } from './encoded-words.js';
import { formatSize } from './format.js';
import { state, type TabKey } from './state.js';
import type { WireDetail } from './wire.js';

function htmlSource(htmlUrl: string): string {
  return htmlUrl + (state.remoteImages ? '?images=remote' : '');
}

// The HTML in a sandboxed iframe: no scripts, its own strict policy from the server, remote images on request.
function htmlPanel(detail: WireDetail): HTMLElement {
  const htmlUrl = detail.htmlUrl;
  if (!htmlUrl) return h('p', { className: 'muted', text: 'This message has no HTML part.' });
  const frame = document.createElement('iframe');
  // The sandbox must be in place before the first navigation: no scripts, no forms, no popups, opaque origin.
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('title', 'HTML body of the message');
  frame.className = 'html-frame';
  frame.src = htmlSource(htmlUrl);
  const toggle = h('input', { type: 'checkbox', id: 'remote-images', checked: state.remoteImages });
  toggle.addEventListener('change', () => {
    state.remoteImages = toggle.checked;
    frame.src = htmlSource(htmlUrl);
  });
  return h('div', {}, [
    h('div', { className: 'frame-bar' }, [
      h('label', {}, [toggle, ' Load remote images']),
      h('span', { text: '· scripts never run; remote images are blocked unless switched on' }),
    ]),
    frame,
  ]);
}

function textPanel(detail: WireDetail): HTMLElement {
  if (!detail.parsed.text) return h('p', { className: 'muted', text: 'This message has no text part.' });
  return h('pre', { className: 'source', id: 'text-body', text: detail.parsed.text });
}

function headerText(detail: WireDetail): string {
  const lines = detail.parsed.headers.map((header) => header.line);
  return (state.rawHeaders ? lines : lines.map(decodeHeaderLine)).join('\n');
}

// Decoded by default (encoded words are unreadable); the raw lines, as they came, one click away.
function headersPanel(detail: WireDetail): HTMLElement {
  const pre = h('pre', { className: 'source headers', id: 'headers-source', text: headerText(detail) });
  const toggle = h('input', { type: 'checkbox', id: 'raw-headers', checked: state.rawHeaders });
  toggle.addEventListener('change', () => {
    state.rawHeaders = toggle.checked;
    pre.textContent = headerText(detail);
  });
  return h('div', {}, [
    h('div', { className: 'frame-bar' }, [
      h('label', {}, [toggle, ' Show raw']),
      h('span', { text: '· encoded words (=?UTF-8?B?...?=) are shown decoded, folded lines joined' }),
    ]),
    pre,
  ]);
}

function attachmentsPanel(detail: WireDetail): HTMLElement {
  const list = detail.parsed.attachments;
  if (list.length === 0) return h('p', { className: 'muted', text: 'No attachments.' });
  return h(
    'ul',
    { className: 'attachments' },
    list.map((attachment) => {
      const name = attachment.filename || `attachment-${attachment.index}`;
      const disposition = attachment.contentDisposition;
      const dropped = disposition !== 'attachment';
      return h('li', {}, [
        h('a', { href: attachment.url, download: name, text: name }),
        h('span', { className: 'muted', text: `${attachment.contentType} · ${formatSize(attachment.size)}` }),
        dropped
          ? h('span', {
              className: 'badge warn',
              text: `disposition ${disposition || 'none'}: dropped by the service (R12)`,
            })
          : null,
      ]);
    }),
  );
}

function rawPanel(detail: WireDetail): HTMLElement {
  const pre = h('pre', { className: 'source', id: 'raw-source', text: 'Loading…' });
  fetch(detail.rawUrl)
    .then((response) => response.text())
    .then((text) => {
      pre.textContent = text;
    })
    .catch((error: unknown) => {
      pre.textContent = `Could not load the source: ${error instanceof Error ? error.message : String(error)}`;
    });
  return h('div', {}, [
    h('p', {}, [h('a', { href: detail.rawUrl, download: `message-${detail.id}.eml`, text: 'Download .eml' })]),
    pre,
  ]);
}

const TABS: ReadonlyArray<[TabKey, string, (detail: WireDetail) => HTMLElement]> = [
  ['html', 'HTML', htmlPanel],
  ['text', 'Text', textPanel],
  ['headers', 'Headers', headersPanel],
  ['attachments', 'Attachments', attachmentsPanel],
  ['raw', 'Raw source', rawPanel],
];

/** The tab bar and panel of a message's body: HTML, text, headers, attachments and raw source. */
export function tabsBlock(detail: WireDetail): HTMLDivElement {
  if (state.tab === 'html' && !detail.htmlUrl) state.tab = 'text';
  const panel = h('div', { className: 'tab-panel', role: 'tabpanel', id: 'tab-panel' });
  const bar = h('div', { className: 'tabs', role: 'tablist' });
  const show = (key: TabKey): void => {
    state.tab = key;
    for (const button of bar.querySelectorAll('button')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === key));
    }
    const entry = TABS.find((tab) => tab[0] === key);
    if (entry !== undefined) panel.replaceChildren(entry[2](detail));
  };
  for (const [key, title] of TABS) {
    const count = key === 'attachments' ? ` (${detail.parsed.attachments.length})` : '';
    bar.append(
      h('button', { type: 'button', role: 'tab', 'data-tab': key, text: title + count, onclick: () => show(key) }),
    );
  }
  show(state.tab);
  return h('div', {}, [bar, panel]);
}
