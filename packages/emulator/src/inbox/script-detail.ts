/** The inbox script's message view: subject, addresses, and the verdict with the reply's meaning and lint issues. */
export const SCRIPT_DETAIL = `
function showNothing() {
  state.selected = null;
  state.detail = null;
  delete byId('detail').dataset.id;
  byId('detail').replaceChildren(
    h('p', { className: 'empty', text: 'Select a message to see its verdict, body, headers, attachments and source.' }),
  );
  for (const row of byId('message-list').children) row.classList.remove('selected');
}

function metaList(detail) {
  const pairs = [
    ['From', detail.parsed.from || '(none)'],
    ['To', detail.parsed.to.length > 0 ? detail.parsed.to.join(', ') : '(none)'],
    detail.parsed.cc.length > 0 ? ['Cc', detail.parsed.cc.join(', ') + ' (ignored by the service, R9)'] : null,
    ['Envelope', detail.envelope.from + ' → ' + detail.envelope.to.join(', ')],
    ['Login', detail.user + ' (appId ' + detail.appId + ')'],
    ['Received', formatTime(detail.receivedAt, true)],
    ['Size', formatSize(detail.size)],
    detail.parsed.messageId ? ['Message-ID', detail.parsed.messageId] : null,
  ].filter(Boolean);
  return h('dl', { className: 'meta' }, pairs.flatMap(([term, value]) => [h('dt', { text: term }), h('dd', { text: value })]));
}

function meaningLine(label, text, lang) {
  if (!text) return null;
  return h('p', { className: 'meaning' }, [h('span', { className: 'label', text: label }), h('span', { lang: lang || null, text: text })]);
}

function explanationBlock(explanation) {
  if (!explanation) return null;
  const facts = [
    explanation.code,
    explanation.category,
    explanation.retryable ? 'retryable' : 'not retryable',
    explanation.rule ? 'rule ' + explanation.rule : null,
  ].filter(Boolean);
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

function issuesTable(issues) {
  if (issues.length === 0) return h('p', { className: 'muted', text: 'No lint issues.' });
  const rows = issues.map((issue) =>
    h('tr', {}, [
      h('td', { className: 'rule', text: issue.rule }),
      h('td', {}, [h('code', { text: issue.code })]),
      h('td', {}, [h('code', { text: issue.path.join('.') || '(message)' })]),
      h('td', { text: issue.message }),
    ]),
  );
  const head = h('tr', {}, ['Rule', 'Issue', 'Where', 'What to do'].map((title) => h('th', { text: title })));
  return h('table', { className: 'issues' }, [h('thead', {}, [head]), h('tbody', {}, rows)]);
}

function verdictBlock(detail) {
  const verdict = detail.verdict;
  const extras = [];
  // What the service drops or ignores only matters for mail it accepts.
  const accepted = detail.status === 'accepted';
  for (const name of accepted ? verdict.droppedAttachments : []) {
    extras.push(h('span', { className: 'badge warn', text: 'dropped by the service (R12): ' + (name || '(no name)') }));
  }
  for (const header of accepted ? verdict.ignoredHeaders : []) {
    extras.push(h('span', { className: 'badge warn', text: header + ' ignored (R9)' }));
  }
  const replyLine = detail.reply === null ? verdict.reply + '   (not sent: the connection was broken)' : detail.reply;
  return h('section', { className: 'verdict ' + detail.status, 'aria-label': 'Verdict' }, [
    h('div', {}, [statusBadge(detail), ' ', h('span', { className: 'muted', text: 'reason: ' + verdict.reason })]),
    h('pre', { className: 'reply', text: replyLine }),
    explanationBlock(detail.explanation),
    extras.length > 0 ? h('p', {}, extras) : null,
    h('h3', { text: 'Lint issues (' + verdict.issues.length + ')' }),
    issuesTable(verdict.issues),
  ]);
}

function renderDetail(detail) {
  const pane = byId('detail');
  if (state.detail === null || state.detail.id !== detail.id) pane.scrollTop = 0;
  state.detail = detail;
  pane.dataset.id = detail.id;
  pane.replaceChildren(
    h('h2', { className: 'subject', text: detail.parsed.subject || '(no subject)' }),
    metaList(detail),
    verdictBlock(detail),
    tabsBlock(detail),
  );
}

async function loadDetail(id) {
  const detail = await api(messagePath(id));
  // A slower answer for a message no longer selected must not replace the current one.
  if (state.selected === id) renderDetail(detail);
}
`;
