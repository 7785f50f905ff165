import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import { decodeEncodedWords } from '../mime/lint/decode-words.js';
import type { IssuePath } from '../model/issue.js';
import type { MailIssue } from '../model/issues.js';
import { bracketedMessageId } from '../model/message-id.js';
import { SES_EVENT_BOUNDS, SES_EVENT_FIELD_NAMES, type SesEventFields, sesEventFieldsSchema } from './event-schema.js';
import { bounceTypeOf, eventKindOf } from './event-vocabulary.js';
import { eventIssue, invalidEventError, MAX_EVENT_ISSUES } from './invalid-event.js';
import type { SesEvent } from './types.js';

interface IssueList {
  issues: MailIssue[];
  more: number;
}

function report(list: IssueList, issue: MailIssue): void {
  if (list.issues.length < MAX_EVENT_ISSUES) list.issues.push(issue);
  else list.more += 1;
}

/** Counts own enumerable keys, stopping past `max`, so that a huge object costs no more than a small one. */
function exceedsFields(value: object, max: number): boolean {
  let count = 0;
  for (const key in value) {
    if (Object.hasOwn(value, key) && ++count > max) return true;
  }
  return false;
}

// Missing, `null` and empty all mean absent: the 2021 example sends `"bounceType": ""` for a delivery.
function present<T>(value: T | null | undefined | ''): T | undefined {
  return value === null || value === '' ? undefined : value;
}

const asText = (value: string | number | null | undefined): string | undefined => {
  const kept = present(value);
  return kept === undefined ? undefined : String(kept);
};

const asDate = (seconds: number | null | undefined | ''): Date | undefined => {
  const kept = present(seconds);
  return kept === undefined ? undefined : new Date(kept * 1000);
};

/** The typed event from fields the schema accepted; what it cannot place goes to `extra` as sent. */
function toEvent(fields: SesEventFields, extra: Array<[string, unknown]>): SesEvent {
  const event: SesEvent = {
    kind: eventKindOf(fields.event),
    event: fields.event,
    recipient: fields.email,
    timestamp: new Date(fields.timestamp * 1000),
    extra: {},
  };
  const bulkId = present(fields.bulkId) ?? present(fields.bulkid);
  if (bulkId !== undefined) event.bulkId = bulkId;
  // Both spellings, disagreeing: the documented one wins and the other is kept, not dropped.
  const otherBulkId = present(fields.bulkid);
  if (present(fields.bulkId) !== undefined && otherBulkId !== undefined && otherBulkId !== bulkId) {
    extra.push(['bulkid', otherBulkId]);
  }
  const messageId = present(fields.messageId?.trim());
  if (messageId !== undefined) event.messageId = bracketedMessageId(messageId);
  const sentAt = asDate(fields.sentTimestamp);
  if (sentAt !== undefined) event.sentAt = sentAt;
  const bounce = present(fields.bounceType);
  if (bounce !== undefined) {
    const bounceType = bounceTypeOf(bounce);
    // A bounce type neither vocabulary has: not guessed, kept as sent.
    if (bounceType === undefined) extra.push(['bounceType', bounce]);
    else event.bounceType = bounceType;
  }
  const subject = present(fields.subject);
  if (subject !== undefined) event.subject = decodeEncodedWords(subject);
  const optional: Array<[keyof SesEvent, string | undefined]> = [
    ['reason', present(fields.reason)],
    ['link', present(fields.link)],
    ['userAgent', present(fields.useragent)],
    ['from', present(fields.from)],
    ['fromDomain', present(fields.fromDomain)],
    ['appId', asText(fields.username)],
    ['templateId', asText(fields.templateId)],
    ['taskId', asText(fields.taskId)],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(event, { [key]: value });
  const eventId = present(fields.eventid);
  if (eventId !== undefined) event.eventId = eventId;
  // fromEntries defines each key as data, so an own `__proto__` key stays a key and never becomes a prototype.
  event.extra = Object.freeze(Object.fromEntries(extra));
  return event;
}

function readEvent(body: unknown, path: IssuePath, list: IssueList): SesEvent | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    report(list, eventIssue(path, 'must be a JSON object with the fields of R27'));
    return undefined;
  }
  if (exceedsFields(body, SES_EVENT_BOUNDS.maxFields)) {
    report(list, eventIssue(path, `has more than ${SES_EVENT_BOUNDS.maxFields} fields; no event does`));
    return undefined;
  }
  const known: Record<string, unknown> = {};
  const extra: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(body)) {
    if (SES_EVENT_FIELD_NAMES.has(key)) known[key] = value;
    else extra.push([key, value]);
  }
  const parsed = sesEventFieldsSchema.safeParse(known);
  if (parsed.success) return toEvent(parsed.data, extra);
  for (const issue of parsed.error.issues) {
    const where = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    report(list, eventIssue([...path, ...where], issue.message));
  }
  return undefined;
}

function readAll(body: unknown, many: boolean): SesEvent[] {
  const list: IssueList = { issues: [], more: 0 };
  const events: SesEvent[] = [];
  try {
    if (many && Array.isArray(body)) {
      if (body.length > SES_EVENT_BOUNDS.maxEvents) {
        throw invalidEventError([eventIssue([], `holds more than ${SES_EVENT_BOUNDS.maxEvents} events`)]);
      }
      if (body.length === 0) throw invalidEventError([eventIssue([], 'is an empty array; send at least one event')]);
      body.forEach((each: unknown, index) => {
        const event = readEvent(each, [index], list);
        if (event !== undefined) events.push(event);
      });
    } else {
      const event = readEvent(body, [], list);
      if (event !== undefined) events.push(event);
    }
  } catch (error) {
    if (isQcloudMailError(error)) throw error;
    // A getter or proxy that throws: the body cannot be read, which is the body's fault, not ours.
    throw invalidEventError([eventIssue([], 'could not be read')], 0, error);
  }
  if (list.issues.length > 0) throw invalidEventError(list.issues, list.more);
  return events;
}

/**
 * Parses one delivery event as the provider posts it (R26-R29): every documented shape (both spellings of
 * `bulkId`, both `bounceType` vocabularies, the six-field older payload), unknown fields kept in `extra`, an
 * unknown event value as kind `unknown`, the subject's encoded words decoded and `messageId` in core's `<id>`
 * form. Throws a `QcloudMailError` with code `INVALID_EVENT` naming each bad field, and nothing else.
 */
export function parseSesEvent(body: unknown): SesEvent {
  const [event] = readAll(body, false);
  // readAll returns exactly one event or throws; the check only satisfies the compiler.
  if (event === undefined) throw invalidEventError([eventIssue([], 'holds no event')]);
  return event;
}

/**
 * Parses a callback body of one event or an array of them (at most `SES_EVENT_BOUNDS.maxEvents`), as
 * `parseSesEvent` does each; any bad event refuses the whole body with one `INVALID_EVENT` error.
 */
export function parseSesEvents(body: unknown): SesEvent[] {
  return readAll(body, true);
}

/** True for the error `parseSesEvent` and `parseSesEvents` throw. */
export function isInvalidEventError(error: unknown): error is QcloudMailError {
  return isQcloudMailError(error) && error.code === 'INVALID_EVENT';
}
