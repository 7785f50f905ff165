import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { contentTypeProblem } from '../model/attachment-content-type.js';
import type { MailIssue } from '../model/issues.js';
import type { MailMessage } from '../model/message.js';
import type { RuleId } from '../rules.js';
import type { BuildMimeOptions } from './types.js';

/**
 * The builder writes addresses, the Message-ID, the date and attachment types into headers verbatim.
 * Validation already refused anything unsafe, but `buildMimeFromMessage` and `createMimeStream` accept a
 * `MailMessage` that may not have come through it, and `BuildMimeOptions.messageId` never does: these checks
 * keep a line break (or any byte that is not printable ASCII) out of the header block whatever the caller gives.
 */

// What validation produces: a dot-atom local part and an ASCII (punycode) domain.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/;
// RFC 5322 msg-id with or without its angle brackets: printable ASCII without space, "<" or ">" inside.
const MESSAGE_ID = /^<?[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>?$/;

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
        refuse([field, index, 'address'], 'RFC5322', `The address ${JSON.stringify(mailbox?.address)}`);
      }
    });
  }
  for (const [path, id] of [
    [['messageId'], message.messageId],
    [['options', 'messageId'], options.messageId],
  ] as const) {
    if (id !== undefined && (typeof id !== 'string' || !MESSAGE_ID.test(id.trim()))) {
      refuse(path, 'RFC5322', `The Message-ID ${JSON.stringify(id)}`);
    }
  }
  for (const [path, date] of [
    [['date'], message.date],
    [['options', 'date'], options.date],
  ] as const) {
    if (date !== undefined && !(date instanceof Date && Number.isFinite(date.getTime()))) {
      refuse(path, 'HEADERS', 'The date (not a valid Date)');
    }
  }
  message.attachments.forEach((attachment, index) => {
    const type = attachment.contentType;
    if (type !== undefined && (typeof type !== 'string' || contentTypeProblem(type) !== undefined)) {
      refuse(['attachments', index, 'contentType'], 'R12', `The content type ${JSON.stringify(type)}`);
    }
  });
}
