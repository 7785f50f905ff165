import type { MailIssue } from '../model/issues.js';
import { boundIssue, depthIssue, entryBoundFor, type JsonPath, SEND_ROUTE_BOUNDS, valuesIssue } from './json-bounds.js';

/** The caps a shape scan applies and the issues it reports when one is crossed. */
export interface JsonShapeBounds {
  maxDepth: number;
  maxValues: number;
  /** The most entries the object or array at `path` may have. */
  maxEntries(path: JsonPath): number;
  tooDeep(path: JsonPath): MailIssue;
  tooManyValues(path: JsonPath): MailIssue;
  tooManyEntries(path: JsonPath): MailIssue;
}

/** The send route's caps (`SEND_ROUTE_BOUNDS`). */
export const SEND_ROUTE_SHAPE: JsonShapeBounds = {
  maxDepth: SEND_ROUTE_BOUNDS.maxDepth,
  maxValues: SEND_ROUTE_BOUNDS.maxValues,
  maxEntries: (path) => entryBoundFor(path).max,
  tooDeep: depthIssue,
  tooManyValues: valuesIssue,
  tooManyEntries: (path) => boundIssue(path, entryBoundFor(path), 'has'),
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Keys longer than this are never a message field's name: they are kept as a marker, not decoded. */
const MAX_DECODED_KEY_BYTES = 64;

interface Level {
  object: boolean;
  /** Commas seen: the index of the entry being read. */
  commas: number;
  max: number;
  /** In an object, whether the next string is a key. */
  expectKey: boolean;
  /** The current key of an object, as the byte range of its text. */
  keyStart: number;
  keyEnd: number;
}

function decodeKey(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > MAX_DECODED_KEY_BYTES) return '(a long key)';
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  try {
    return String(JSON.parse(`"${raw}"`));
  } catch {
    return raw;
  }
}

function pathOf(bytes: Uint8Array, levels: readonly Level[]): JsonPath {
  return levels.map((level) => (level.object ? decodeKey(bytes, level.keyStart, level.keyEnd) : level.commas));
}

/**
 * Checks the shape of a JSON body before it is parsed, in one pass over its bytes: nesting depth, entries per
 * object or array, values in all (the send route's caps unless `bounds` are given). Parsing a hostile body costs about thirty times its size in memory (14 MB of
 * nested arrays take 400 MB), so this runs first and stops at the first bound crossed. Malformed JSON is left
 * to the parser to report.
 */
export function scanJsonShape(bytes: Uint8Array, bounds: JsonShapeBounds = SEND_ROUTE_SHAPE): MailIssue | undefined {
  const levels: Level[] = [];
  let inString = false;
  let escaped = false;
  let values = 1;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        const top = levels.at(-1);
        if (top?.expectKey === true) {
          top.keyEnd = i;
          top.expectKey = false;
        }
      }
      continue;
    }
    if (byte === QUOTE) {
      inString = true;
      const top = levels.at(-1);
      if (top?.expectKey === true) top.keyStart = i + 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      values += 1;
      const path = pathOf(bytes, levels);
      if (values > bounds.maxValues) return bounds.tooManyValues(path);
      if (levels.length >= bounds.maxDepth) return bounds.tooDeep(path);
      const object = byte === OPEN_OBJECT;
      levels.push({ object, commas: 0, max: bounds.maxEntries(path), expectKey: object, keyStart: 0, keyEnd: 0 });
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      levels.pop();
    } else if (byte === COMMA) {
      const top = levels.at(-1);
      if (top === undefined) continue;
      top.commas += 1;
      top.expectKey = top.object;
      values += 1;
      if (top.commas + 1 > top.max) return bounds.tooManyEntries(pathOf(bytes, levels.slice(0, -1)));
      if (values > bounds.maxValues) return bounds.tooManyValues(pathOf(bytes, levels));
    }
  }
  return undefined;
}
