import { api, messagePath } from './api.js';
import { byId, type Child, h } from './dom.js';
import { formatSize, formatTime, statusBadge } from './format.js';
import { ruleRef } from './rules.js';
import { state } from './state.js';
import { tabsBlock } from './tabs.js';
import { timelineBlock } from './timeline.js';
import type { WireDetail, WireExplanation, WireIssue } from './wire.js';

const NOTHING_SELECTED = 'Select a message to see its verdict, body, headers, attachments and source.';

/** Empties the detail pane and the list's selection. */
export function showNothing(): void {
  state.selected = null;
  state.detail = null;
  const pane = byId('detail');
  delete pane.dataset.id;
  pane.replaceChildren(h('p', { className: 'empty', text: NOTHING_SELECTED }));
  for (const row of byId('message-list').children) row.classList.remove('selected');
}

// `Name <address>`, as a mail client shows it; the name is already decoded.
function fromLine(name: string | undefined, address: string | undefined): string {
  if (!address) return name || '(none)';
  return name ? `${name} <${address}>` : address;
}

// Why a message was refused, in words (the verdict's reason is an identifier).
const REASONS: Record<string, string> = {
  'provider-error': "the service's checks refuse it",
  'too-long-line': 'a line is over 2000 octets',
  'bare-line-ending': 'a bare CR or LF in the message data',
  'too-large': 'the message is over the size limit',
  'sender-mismatch': 'the sender is not the logged-in one',
  'rate-limit': 'over the rate limit',
  fault: 'an injected fault',
};

function verdictLine(detail: WireDetail): HTMLDivElement {
  const { verdict } = detail;
  if (detail.status === 'accepted') {
    const said =
      detail.reply === null
        ? 'Accepted, but the client saw no reply: the connection broke after the final dot.'
        : 'Accepted: the service queues it for delivery (accepted, not yet delivered: R15).';
    return h('div', { className: 'verdict-line' }, [statusBadge(detail), ' ', h('span', { text: said })]);
  }
  const rule = verdict.rule ?? detail.explanation?.rule ?? null;
  return h('div', { className: 'verdict-line' }, [
    statusBadge(detail),
    ' ',
    h('span', { text: `Refused: ${REASONS[verdict.reason] ?? verdict.reason}` }),
    rule === null ? null : h('span', { className: 'muted' }, [' · rule ', ruleRef(rule)]),
  ]);
}

function metaList(detail: WireDetail): HTMLDListElement {
  const { parsed, envelope } = detail;
  const pairs: Array<[string, string] | null> = [
    ['From', fromLine(parsed.fromName, parsed.from)],
    ['To', parsed.to.length > 0 ? parsed.to.join(', ') : '(none)'],
    parsed.cc.length > 0 ? ['Cc', `${parsed.cc.join(', ')} (ignored by the service, R9)`] : null,
    ['Envelope', `${envelope.from} → ${envelope.to.join(', ')}`],
    ['Login', `${detail.user} (appId ${detail.appId})`],
    ['Received', formatTime(detail.receivedAt, true)],
    ['Size', formatSize(detail.size)],
    parsed.messageId ? ['Message-ID', parsed.messageId] : null,
  ];
  const rows = pairs.flatMap((pair) => (pair === null ? [] : [h('dt', { text: pair[0] }), h('dd', { text: pair[1] })]));
  return h('dl', { className: 'meta' }, rows);
}

function meaningLine(label: string, text: string | null, lang?: string): HTMLParagraphElement | null {
  if (!text) return null;
  return h('p', { className: 'meaning' }, [
    h('span', { className: 'label', text: label }),
    h('span', { lang: lang || null, text }),
  ]);
}

function explanationBlock(explanation: WireExplanation | null): HTMLDivElement | null {
  if (!explanation) return null;
  const facts = [explanation.code, explanation.category, explanation.retryable ? 'retryable' : 'not retryable'].filter(
    Boolean,
  );
  return h('div', { className: 'explanation' }, [
    meaningLine('Code', facts.join(' · ')),
    meaningLine('Meaning', explanation.meaningEn, 'en'),
    meaningLine('含义', explanation.meaningZh, 'zh-CN'),
    meaningLine('What to do', explanation.action, 'en'),
    meaningLine('RequestId', explanation.requestId),
    explanation.clientSawReply
      ? null
      : meaningLine('Note', 'The client never saw this reply: the connection was broken instead.'),
  ]);
}

function issuesTable(issues: readonly WireIssue[]): HTMLElement {
  if (issues.length === 0) return h('p', { className: 'muted', text: 'No lint issues.' });
  const rows = issues.map((issue) =>
    h('tr', {}, [
      h('td', { className: 'rule' }, [ruleRef(issue.rule)]),
      h('td', {}, [h('code', { text: issue.code })]),
      h('td', {}, [h('code', { text: issue.path.join('.') || '(message)' })]),
      h('td', { text: issue.message }),
    ]),
  );
  const head = h(
    'tr',
    {},
    ['Rule', 'Issue', 'Where', 'What to do'].map((title) => h('th', { text: title })),
  );
  return h('table', { className: 'issues' }, [h('thead', {}, [head]), h('tbody', {}, rows)]);
}

function verdictBlock(detail: WireDetail): HTMLElement {
  const verdict = detail.verdict;
  const extras: Child[] = [];
  // What the service drops or ignores only matters for mail it accepts.
  const accepted = detail.status === 'accepted';
  for (const name of accepted ? verdict.droppedAttachments : []) {
    extras.push(h('span', { className: 'badge warn', text: `dropped by the service (R12): ${name || '(no name)'}` }));
  }
  for (const header of accepted ? verdict.ignoredHeaders : []) {
    extras.push(h('span', { className: 'badge warn', text: `${header} ignored (R9)` }));
  }
  const replyLine = detail.reply === null ? `${verdict.reply}   (not sent: the connection was broken)` : detail.reply;
  return h('section', { className: `verdict ${detail.status}`, 'aria-label': 'Verdict' }, [
    verdictLine(detail),
    h('pre', { className: 'reply', text: replyLine }),
    explanationBlock(detail.explanation),
    extras.length > 0 ? h('p', {}, extras) : null,
    h('h3', { text: `Lint issues (${verdict.issues.length})` }),
    issuesTable(verdict.issues),
  ]);
}

function renderDetail(detail: WireDetail): void {
  const pane = byId('detail');
  if (state.detail === null || state.detail.id !== detail.id) pane.scrollTop = 0;
  state.detail = detail;
  pane.dataset.id = detail.id;
  pane.replaceChildren(
    h('h2', { className: 'subject', text: detail.parsed.subject || '(no subject)' }),
    metaList(detail),
    verdictBlock(detail),
    timelineBlock(detail),
    tabsBlock(detail),
  );
}

/** Loads one message and shows it, unless another was selected meanwhile. */
export async function loadDetail(id: string): Promise<void> {
  const detail = await api<WireDetail>(messagePath(id));
  // A slower answer for a message no longer selected must not replace the current one.
  if (state.selected === id) renderDetail(detail);
}
