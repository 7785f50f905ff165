import { addresses } from './map-addresses.js';
import { refusal } from './refusal.js';

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

// Extra body parts nodemailer builds as multipart/alternative siblings; the builder writes only text and html.
const EXTRA_PARTS: ReadonlyArray<readonly [string, string]> = [
  ['amp', 'AMP4EMAIL parts (text/x-amp-html) cannot be sent through the service; send html only'],
  ['watchHtml', 'Apple Watch parts (text/watch-html) cannot be sent through the service; send html only'],
  ['alternatives', 'custom alternative parts cannot be sent through the service; use text and html'],
  [
    'icalEvent',
    'calendar alternatives (text/calendar) cannot be sent through the service; attach the invitation instead: attachments: [{ filename: "invite.ics", content: ics }]',
  ],
];

/**
 * Refuses the nodemailer message options the service cannot honour, before anything is read or sent:
 * extra alternative parts, DKIM signing, List-* headers and a Sender other than From.
 */
export function checkUnsupportedOptions(data: Readonly<Record<string, unknown>>): void {
  for (const [key, message] of EXTRA_PARTS) {
    if (present(data[key])) {
      throw refusal({ path: [key], issue: 'content_type_unsupported', rule: 'HEADERS', message });
    }
  }
  if (present(data.dkim)) {
    throw refusal({
      path: ['dkim'],
      issue: 'header_unsupported',
      rule: 'HEADERS',
      code: 'CONFIGURATION',
      message:
        'the service signs messages with DKIM for your verified domain itself; remove the dkim option (a second signature would break)',
    });
  }
  if (present(data.list)) {
    throw refusal({
      path: ['list'],
      issue: 'header_unsupported',
      rule: 'HEADERS',
      message:
        "is not translated into List-* headers; set them yourself: headers: { 'List-Unsubscribe': '<https://example.com/unsubscribe>' }",
    });
  }
  if (present(data.sender)) {
    const sender = addresses(data.sender);
    const from = addresses(data.from);
    if (sender.length !== 1 || sender[0] !== from[0]) {
      throw refusal({
        path: ['sender'],
        issue: 'header_unsupported',
        rule: 'R4',
        message: 'the service sends as the authenticated sender address (R4); a different Sender cannot be set',
        nodemailerCode: 'EENVELOPE',
      });
    }
  }
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const a = new Set(left);
  const b = new Set(right);
  return a.size === b.size && [...a].every((item) => b.has(item));
}

/**
 * Refuses a custom `envelope` unless it names exactly the header sender and recipients: the envelope
 * cannot differ from the headers, since hidden recipients are Bcc (R9) and the sender is the account's (R4).
 */
export function checkEnvelope(envelope: unknown, headerFrom: readonly string[], headerTo: readonly string[]): void {
  if (envelope === undefined || envelope === null) return;
  if (typeof envelope !== 'object') {
    throw refusal({ path: ['envelope'], issue: 'invalid_type', rule: 'R9', message: 'expected { from, to }' });
  }
  const given = envelope as { from?: unknown; to?: unknown; cc?: unknown; bcc?: unknown };
  const from = addresses(given.from);
  if (given.from !== undefined && !sameSet(from, headerFrom)) {
    throw refusal({
      path: ['envelope', 'from'],
      issue: 'invalid_address',
      rule: 'R4',
      message: 'must be the From address: the service sends as the authenticated sender (R4)',
      nodemailerCode: 'EENVELOPE',
    });
  }
  const to = [...addresses(given.to), ...addresses(given.cc), ...addresses(given.bcc)];
  if (!sameSet(to, headerTo)) {
    throw refusal({
      path: ['envelope', 'to'],
      issue: 'bcc_unsupported',
      rule: 'R9',
      message:
        'must list exactly the header recipients: envelope-only recipients are Bcc, which the service does not support (R9)',
      nodemailerCode: 'EENVELOPE',
    });
  }
}
