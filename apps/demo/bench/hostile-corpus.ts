// The hostile inputs of the adversarial bench: issue #17's reproductions and the shapes that make a careless
// parser backtrack or rescan. `make(n)` builds an input whose hostile part is about n characters long.

/** One hostile input for one entry point. */
export interface HostileCase {
  entry:
    | 'validateMessage'
    | 'buildMime'
    | 'lintMime'
    | 'parseSesReply'
    | 'send route'
    | 'qcloudmail lint'
    | 'qcloudmail explain';
  name: string;
  make(n: number): unknown;
}

const FROM = 'noreply@mail.example.com';
const TO = 'user@example.com';

const message = (fields: Record<string, unknown>) => ({ from: FROM, to: TO, subject: 'Hi', text: 'Hello', ...fields });
const times = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));

/** Message inputs (validateMessage, buildMime, the send route): the reproductions first. */
const MESSAGES: Array<[string, (n: number) => unknown]> = [
  ['spaces in an address', (n) => message({ to: `x${' '.repeat(n)}y` })],
  ['spaces in a display name', (n) => message({ to: `a${' '.repeat(n)}b <${TO}>` })],
  ['spaces in a display name (object)', (n) => message({ to: { name: ` ${' '.repeat(n)}x`, address: TO } })],
  [
    '". " runs in a file name',
    (n) => message({ attachments: [{ filename: `a${times('. ', n)}`, content: 'aGk=', encoding: 'base64' }] }),
  ],
  ['"(\\" runs in a header value', (n) => message({ headers: { 'X-Note': times('(\\', n) } })],
  ['unbreakable header value', (n) => message({ headers: { 'X-Note': 'a'.repeat(n) } })],
  ['long Message-ID', (n) => message({ messageId: `<${'a'.repeat(n)}@example.com>` })],
  ['many recipients', (n) => message({ to: times('a@example.com,', n) })],
  ['spaces in the subject', (n) => message({ subject: `a${' '.repeat(n)}b` })],
];

/** Message inputs the builder accepts, so that it does the work (bodies are not capped near 80k). */
const BUILDS: Array<[string, (n: number) => unknown]> = [
  ['trailing spaces in the text body', (n) => message({ text: `a${' '.repeat(n)}` })],
  ['bare CRs in the text body', (n) => message({ text: times('a\r', n) })],
  ['one long html line', (n) => message({ html: `<p>${'x'.repeat(n)}</p>` })],
  ['non-ASCII text body', (n) => message({ text: '尊'.repeat(n) })],
];

const HEAD = [`From: <${FROM}>`, `To: ${TO}`, 'Subject: Hi', 'MIME-Version: 1.0'];
const eml = (head: string[], body = 'Hello') =>
  [...head, ...(head.some((h) => h.startsWith('Content-Type:')) ? [] : ['Content-Type: text/plain; charset=UTF-8'])]
    .concat(['', body, ''])
    .join('\r\n');
const withHead = (name: string, value: string) =>
  eml([...HEAD.filter((h) => !h.startsWith(`${name}:`)), `${name}: ${value}`]);
const multipart = (parts: string, boundary = 'b') =>
  [...HEAD, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', parts, `--${boundary}--`, ''].join('\r\n');
const attachment = (headers: string[], body = 'aGk=') => ['--b', ...headers, '', body, ''].join('\r\n');

/** Raw messages (lintMime and `qcloudmail lint`). */
const RAW: Array<[string, (n: number) => string]> = [
  ['"(\\" runs in To', (n) => withHead('To', times('(\\', n))],
  ['nested comments in To', (n) => withHead('To', `${'('.repeat(n / 2)}${')'.repeat(n / 2)}${TO}`)],
  ['white space before a group colon', (n) => withHead('To', `a,${times(' \t', n)}x`)],
  ['spaces in an address', (n) => withHead('To', `x${' '.repeat(n)}y`)],
  ['many addresses in From', (n) => withHead('From', times(`${FROM},`, n))],
  ['one long encoded word', (n) => withHead('Subject', `=?UTF-8?B?${'QUJD'.repeat(n / 4)}?=`)],
  ['many encoded words', (n) => withHead('Subject', times('=?UTF-8?Q?a=20?= ', n))],
  ['broken encoded words', (n) => withHead('Subject', times('=?a?B?', n))],
  ['many headers', (n) => eml([...HEAD, ...times('X-A: b\n', n).split('\n').slice(0, -1)])],
  ['many continuation lines', (n) => withHead('Subject', times('a\r\n ', n))],
  ['many parameters', (n) => eml([...HEAD, `Content-Type: text/plain; charset=UTF-8${times('; a=b', n)}`])],
  [
    'RFC 2231 continuations',
    (n) => multipart(attachment([`Content-Disposition: attachment${times('; filename*9*=%41', n)}`])),
  ],
  ['many boundaries', (n) => multipart(times('--b\r\n\r\nx\r\n', n))],
  ['long boundary', (n) => multipart(`--${'b'.repeat(n)}\r\n`, 'b'.repeat(n))],
  ['near misses of a long boundary', (n) => multipart(times(`--b${'a'.repeat(998)}\r\n`, n), `b${'a'.repeat(999)}`)],
  [
    'deep multipart nesting',
    (n) =>
      [
        ...HEAD,
        'Content-Type: multipart/mixed; boundary=b',
        '',
        times('--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n', n),
      ].join('\r\n'),
  ],
  [
    'long base64 line',
    (n) =>
      multipart(
        attachment(
          ['Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename=a.pdf'],
          'A'.repeat(n),
        ),
      ),
  ],
  [
    '". " runs in a file name',
    (n) =>
      multipart(
        attachment([
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment; filename="a${times('. ', n)}"`,
        ]),
      ),
  ],
  ['bare line feeds', (n) => withHead('Subject', times('a\n', n))],
];

/** Replies and log lines (parseSesReply and `qcloudmail explain`). */
const REPLIES: Array<[string, (n: number) => string]> = [
  ['spaces in a reply', (n) => `421 a${' '.repeat(n)}b`],
  ['spaces around line breaks', (n) => `554-a${' '.repeat(n / 2)}\r\n554 ${' '.repeat(n / 2)}b`],
  ['many reply lines', (n) => times('554-5.0.0 a\r\n', n)],
  ['dots in a provider code', (n) => `554 5.0.0 ##SES-response-json: {"Code":"A${'.'.repeat(n)}b"}`],
  ['"##" runs before the marker', (n) => `554 ${times('## ', n)}`],
  ['broken JSON after the marker', (n) => `554 ##SES-response-json: {"Message":"${times('\\u12', n)}`],
  ['spaces in a JSON field name', (n) => `554 ##SES-response-json: {"Code"${' '.repeat(n)}`],
  ['reply codes everywhere', (n) => times('250 a ', n)],
];

/** Pasted log text only `explain` reads: prefixes and JSON records around the reply. */
const PASTES: Array<[string, (n: number) => string]> = [
  ['many log prefixes', (n) => `${times('[a] ', n)}421 busy`],
  ['many level words', (n) => `${times('INFO ', n)}421 busy`],
  ['a long JSON log record', (n) => JSON.stringify({ msg: `421 ${'a'.repeat(n)}`, err: { response: 'x' } })],
  ['escaped JSON in a reply', (n) => `554 ##SES-response-json: {\\"Code\\":\\"${'a'.repeat(n)}`],
];

export const corpus: HostileCase[] = [
  ...MESSAGES.map(([name, make]): HostileCase => ({ entry: 'validateMessage', name, make })),
  ...[...MESSAGES, ...BUILDS].map(([name, make]): HostileCase => ({ entry: 'buildMime', name, make })),
  ...RAW.map(([name, make]): HostileCase => ({ entry: 'lintMime', name, make })),
  ...REPLIES.map(([name, make]): HostileCase => ({ entry: 'parseSesReply', name, make })),
  ...MESSAGES.map(([name, make]): HostileCase => ({ entry: 'send route', name, make })),
  ...RAW.map(([name, make]): HostileCase => ({ entry: 'qcloudmail lint', name, make })),
  ...[...REPLIES, ...PASTES].map(([name, make]): HostileCase => ({ entry: 'qcloudmail explain', name, make })),
];
