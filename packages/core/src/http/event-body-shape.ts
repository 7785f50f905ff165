import { eventIssue, invalidEventError } from '../events/invalid-event.js';
import { SES_EVENT_BOUNDS } from '../events/event-schema.js';
import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';
import { entriesOver } from './entries-over.js';
import type { JsonPath } from './json-bounds.js';
import type { JsonShapeBounds } from './scan-json-shape.js';

/** Entries of any object or array below an event: fields the provider adds later stay small. */
const MAX_NESTED_ENTRIES = 256;

/**
 * The caps on a callback body checked before it is parsed (`SES_EVENT_BOUNDS`): the body's array holds at most
 * `maxEvents` events, anything below at most 256 entries, nesting and values in all bounded.
 */
export const EVENT_BODY_SHAPE: JsonShapeBounds = {
  maxDepth: SES_EVENT_BOUNDS.maxDepth,
  maxValues: SES_EVENT_BOUNDS.maxValues,
  maxEntries: (path) => (path.length === 0 ? SES_EVENT_BOUNDS.maxEvents : MAX_NESTED_ENTRIES),
  tooDeep: (path: JsonPath) => eventIssue(path, `nested more than ${SES_EVENT_BOUNDS.maxDepth} levels deep`),
  tooManyValues: (path: JsonPath) => eventIssue(path, `the body holds more than ${SES_EVENT_BOUNDS.maxValues} values`),
  tooManyEntries: (path: JsonPath) =>
    eventIssue(
      path,
      `has more than ${path.length === 0 ? SES_EVENT_BOUNDS.maxEvents : MAX_NESTED_ENTRIES} entries; no callback body does`,
    ),
};

/** The `INVALID_EVENT` error for a body past `EVENT_BODY_SHAPE`. */
export const eventShapeError = (issue: MailIssue): QcloudMailError => invalidEventError([issue]);

/**
 * `EVENT_BODY_SHAPE` checked on a body a parser in front of the handler already made (`express.json()`), whose
 * bytes could not be scanned: an explicit stack, so depth costs no call stack, and it stops at the first bound.
 */
export function checkParsedEventShape(body: unknown): MailIssue | undefined {
  const stack: Array<{ value: unknown; path: JsonPath }> = [{ value: body, path: [] }];
  let values = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    values += 1;
    if (values > EVENT_BODY_SHAPE.maxValues) return EVENT_BODY_SHAPE.tooManyValues(path);
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= EVENT_BODY_SHAPE.maxDepth) return EVENT_BODY_SHAPE.tooDeep(path);
    if (entriesOver(value, EVENT_BODY_SHAPE.maxEntries(path))) return EVENT_BODY_SHAPE.tooManyEntries(path);
    for (const [key, child] of Object.entries(value)) {
      stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return undefined;
}
