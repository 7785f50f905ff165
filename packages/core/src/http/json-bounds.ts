import { LIMITS } from '../limits/limits.js';
import { formatPath } from '../model/issue.js';
import type { MailIssue, MailIssueCode } from '../model/issues.js';
import type { RuleId } from '../rules.js';
import { clipPath } from '../errors/clip-text.js';

/** One path into the request's JSON: object keys and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** A cap on a container's entries or a string's length, with the issue that refusing it reports. */
export interface JsonBound {
  max: number;
  code: MailIssueCode;
  rule: RuleId;
  /** What is counted, for the message: "entries", "UTF-16 code units". */
  unit: string;
  /** Why this cap, in a few words. */
  reason: string;
}

// A message is shallow (message, recipient list, address object) and small in count: these caps sit well above
// any message the service accepts, so that core, not the route, names the exact rule for anything close, and
// far below what would let one request cost much. String caps count UTF-16 code units, never fewer than the
// code points core counts nor more than the UTF-8 octets the service counts, so each one only refuses what core
// would refuse too.
const LINE = LIMITS.maxLineOctets;
const RECIPIENT_FIELDS: ReadonlySet<string> = new Set(['from', 'to', 'cc', 'bcc', 'replyTo']);

/** The send handler's bounds on a request body, checked before a message reaches validation. */
export const SEND_ROUTE_BOUNDS = {
  /** Containers nested in one another: a message needs three (message, recipient list, address). */
  maxDepth: 8,
  /** Values of all kinds in one body: about 7,000 fill every list below to its cap. */
  maxValues: 10_000,
  /** Entries of one recipient list: ten times R8's 50, since the `split` and `chunk` policies send more. */
  maxRecipientEntries: 10 * LIMITS.maxRecipients,
  /** Attachments: four times what SIZES allows, so that core reports 11 to 40 with its own rule. */
  maxAttachments: 4 * LIMITS.maxAttachments,
  /** Custom headers. */
  maxHeaders: 200,
  /** Entries of any other object or array (a message has 12 fields, an attachment 8). */
  maxOtherEntries: 64,
  /** An address (addr-spec): RFC 5321 allows 254 octets. */
  maxAddressLength: 254,
  /** Any string without a bound of its own (names, content types, dates, keys): four header lines. */
  maxShortText: 4 * LINE,
  /** One custom header's value, which may fold over several lines. */
  maxHeaderValue: 16 * LINE,
  /** A comma-separated recipient list written as one string; longer lists must be arrays. */
  maxAddressList: 64 * 1024,
} as const;

const B = SEND_ROUTE_BOUNDS;

const entries = (max: number, code: MailIssueCode, rule: RuleId, reason: string): JsonBound => ({
  max,
  code,
  rule,
  unit: 'entries',
  reason,
});

const chars = (max: number, code: MailIssueCode, rule: RuleId, reason: string): JsonBound => ({
  max,
  code,
  rule,
  unit: 'UTF-16 code units',
  reason,
});

const OTHER_ENTRIES = entries(B.maxOtherEntries, 'invalid_type', 'R19', 'no message field has more');
const SHORT_TEXT = chars(B.maxShortText, 'invalid_type', 'R19', 'no message field of this kind is longer');

/** The cap on the entries of the array or object at `path`. */
export function entryBoundFor(path: JsonPath): JsonBound {
  if (path.length !== 1) return OTHER_ENTRIES;
  const field = String(path[0]);
  if (RECIPIENT_FIELDS.has(field)) {
    return entries(B.maxRecipientEntries, 'too_many_recipients', 'R8', 'ten times what one message may carry');
  }
  if (field === 'attachments') {
    return entries(B.maxAttachments, 'too_many_attachments', 'SIZES', 'four times what one message may carry');
  }
  if (field === 'headers') return entries(B.maxHeaders, 'invalid_type', 'HEADERS', 'custom headers');
  return OTHER_ENTRIES;
}

function addressBound(path: JsonPath): JsonBound {
  const last = path.at(-1);
  if (last === 'address') {
    return chars(B.maxAddressLength, 'invalid_address', 'RFC5322', 'RFC 5321 allows 254 octets in an address');
  }
  if (last === 'name') return chars(LINE, 'invalid_address', 'RFC5322', 'a display name fits one header line');
  // A whole list in one string, or one `Name <address>` whose name may double when quoted.
  if (path.length === 1 && path[0] !== 'from') {
    return chars(B.maxAddressList, 'invalid_address', 'RFC5322', 'longer recipient lists must be arrays');
  }
  return chars(2 * LINE + B.maxAddressLength + 4, 'invalid_address', 'RFC5322', 'a name and an address');
}

/** The cap on the length of the string at `path`. */
export function stringBoundFor(path: JsonPath): JsonBound {
  const [field, index, key] = path;
  if (typeof field !== 'string') return SHORT_TEXT;
  if (RECIPIENT_FIELDS.has(field)) return path.length <= 3 ? addressBound(path) : SHORT_TEXT;
  if (path.length === 1) {
    if (field === 'subject')
      return chars(2 * LIMITS.maxSubjectLength, 'subject_too_long', 'R23', 'R23: 998 characters');
    if (field === 'text' || field === 'html') {
      return chars(LIMITS.maxBodyBytes, 'body_too_large', 'SIZES', 'SIZES: the body is at most 1 MiB');
    }
    if (field === 'messageId') return chars(LINE, 'line_too_long', 'RFC5322', 'a Message-ID fits one line');
  }
  if (field === 'attachments' && typeof index === 'number' && path.length === 3) {
    if (key === 'content') {
      // Hex, the widest encoding accepted, doubles the bytes; base64 with line breaks stays under that.
      const max = 2 * LIMITS.maxAttachmentBytesCeiling;
      return chars(max, 'attachment_too_large', 'SIZES', 'SIZES: one attachment is at most 5 MiB');
    }
    if (key === 'filename') {
      const max = 2 * LIMITS.maxAttachmentNameLength;
      return chars(max, 'attachment_name_invalid', 'R22', 'R22: 255 characters');
    }
  }
  if (field === 'headers' && path.length === 2 && typeof index === 'string') {
    return chars(B.maxHeaderValue, 'line_too_long', 'HEADERS', 'a header value of sixteen folded lines');
  }
  if (field === 'headers' && path.length === 3 && key === 'value') {
    return chars(B.maxHeaderValue, 'line_too_long', 'HEADERS', 'a header value of sixteen folded lines');
  }
  if (field === 'headers' && path.length === 3 && key === 'key') return HEADER_NAME;
  return SHORT_TEXT;
}

const HEADER_NAME = chars(LINE, 'line_too_long', 'RFC5322', 'a header name fits one line');

/** The cap on the length of each key of the object at `path`. */
export function keyBoundFor(path: JsonPath): JsonBound {
  return path.length === 1 && path[0] === 'headers' ? HEADER_NAME : SHORT_TEXT;
}

/** The issue for a value over `bound`. */
export function boundIssue(path: JsonPath, bound: JsonBound, what: string): MailIssue {
  return {
    code: bound.code,
    path: clipPath(path),
    rule: bound.rule,
    message: `${formatPath(path, 'the body')}: ${what} more than ${bound.max} ${bound.unit}, the most the send route accepts (${bound.reason})`,
  };
}

/** The issue for a container nested deeper than `SEND_ROUTE_BOUNDS.maxDepth`. */
export function depthIssue(path: JsonPath): MailIssue {
  return {
    code: 'invalid_type',
    path: clipPath(path),
    rule: 'R19',
    message: `${formatPath(path, 'the body')}: nested more than ${B.maxDepth} levels deep; no message field is`,
  };
}

/** The issue for a body of more than `SEND_ROUTE_BOUNDS.maxValues` values. */
export function valuesIssue(path: JsonPath): MailIssue {
  return {
    code: 'invalid_type',
    path: clipPath(path),
    rule: 'R19',
    message: `${formatPath(path, 'the body')}: the body holds more than ${B.maxValues} values; no message does`,
  };
}
