import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { contentTypeProblem } from '../model/attachment-content-type.js';
import type { MailIssue } from '../model/issues.js';
import type { MailMessage } from '../model/message.js';
import type { RuleId } from '../rules.js';
import type { BuildMimeOptions } from './types.js';
import { quote } from '../model/issue.js';

/**
 * The builder writes addresses, the Message-ID, the date and attachment types into headers verbatim.
 * Validation already refused anything unsafe, but `buildMimeFromMessage` and `createMimeStream` accept a
 * `MailMessage` that may not have come through it, and `BuildMimeOptions.messageId` never does: these checks
 * keep a line break (or any byte that is not printable ASCII) out of the header block whatever the caller gives.
 */

// What validation produces: a dot-atom local part and an ASCII (punycode) domain.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/;

/**
 * RFC 5322 msg-id with or without its angle brackets: printable ASCII without space, "<" or ">" inside, and an
 * "@" with text on both sides. A scan: the regex this replaces backtracked quadratically on a run of "@".
 */
function isMessageId(text: string): boolean {
  const start = text.startsWith('<') ? 1 : 0;
  const end = text.endsWith('>') && text.length > start ? text.length - 1 : text.length;
  let at = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e || code === 0x3c || code === 0x3e) return false;
    if (code === 0x40 && i > start && i < end - 1) at = true;
  }
  return at;
}

// Values are quoted cut short: a hostile 80,000-character value must not come back whole in the error.
const shown = (value: unknown) => (typeof value === 'string' ? quote(value) : `(${typeof value})`);

function refuse(path: MailIssue['path'], rule: RuleId, what: string): never {
  const message = `${what} cannot be written into a header: it is not the output of validateMessage (line breaks and non-ASCII bytes are refused, ${rule})`;
  throw new QcloudMailError({
    code: 'VALIDATION',
    rule,
    message,
    issues: [{ code: 'header_injection', path, rule, message }],
  });
}

/** Throws a `VALIDATION` error when a value the builder writes verbatim could break the header block. */
export function assertHeaderSafe(message: MailMessage, options: BuildMimeOptions): void {
  const mailboxes: Array<[string, ReadonlyArray<{ address: string }>]> = [
    ['from', [message.from]],
    ['to', message.to],
    ['replyTo', message.replyTo],
  ];
  for (const [field, list] of mailboxes) {
    list.forEach((mailbox, index) => {
      if (typeof mailbox?.address !== 'string' || !ADDRESS.test(mailbox.address)) {
        refuse([field, index, 'address'], 'RFC5322', `The address ${shown(mailbox?.address)}`);
      }
    });
  }
  for (const [path, id] of [
    [['messageId'], message.messageId],
    [['options', 'messageId'], options.messageId],
  ] as const) {
    if (id !== undefined && (typeof id !== 'string' || !isMessageId(id.trim()))) {
      refuse(path, 'RFC5322', `The Message-ID ${shown(id)}`);
    }
  }
  for (const [path, date] of [
    [['date'], message.date],
    [['options', 'date'], options.date],
  ] as const) {
    if (date !== undefined && !(date instanceof Date && Number.isFinite(date.getTime()))) {
      refuse(path, 'HEADERS', 'The date (not a valid Date)');
    }
    // RFC 5322 writes the year as four or more digits: a year before 0 has no such form.
    if (date instanceof Date && date.getUTCFullYear() < 0) refuse(path, 'HEADERS', 'The date (a year before 0)');
  }
  message.attachments.forEach((attachment, index) => {
    const type = attachment.contentType;
    if (type !== undefined && (typeof type !== 'string' || contentTypeProblem(type) !== undefined)) {
      refuse(['attachments', index, 'contentType'], 'R12', `The content type ${shown(type)}`);
    }
  });
}
