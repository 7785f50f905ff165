import {
  type HeaderBlock,
  headerValue,
  parseHeaderBlock,
  parseStructured,
  type StructuredValue,
} from './header-block.js';
import type { LintNote } from '../types.js';
import { quote } from '../../model/issue.js';

/** A part of the message: its headers, content type, body range and, for a multipart, its children. */
export interface MimePart {
  path: Array<string | number>;
  block: HeaderBlock;
  contentType: StructuredValue;
  /**
   * Whether the part has a Content-Type that counts: a header whose value is `type/subtype`. A part without one,
   * or whose value cannot be parsed as one, is `text/plain; charset=us-ascii` (RFC 2045 §5.2).
   */
  typed: boolean;
  /** The Content-Type value that was not `type/subtype` and so read as the default (RFC 2045 §5.2). */
  unparsedType?: string;
  bodyStart: number;
  bodyEnd: number;
  children: MimePart[];
}

// Deeper nesting is read as an opaque leaf: real mail never nests this far, and it bounds the work.
const MAX_DEPTH = 8;

function lineEnd(raw: Buffer, position: number, end: number): number {
  const lf = raw.indexOf(10, position);
  return lf < 0 || lf >= end ? end : lf + 1;
}

/**
 * Finds the byte ranges of a multipart body's parts: each delimiter must start a line (RFC 2046). The body is
 * read line by line and only lines starting with "--" are compared with the delimiter: linear whatever the
 * boundary. (`Buffer.indexOf` with a long, self-similar delimiter is not: its skip table stops at 250 bytes.)
 */
function splitParts(raw: Buffer, start: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = Buffer.from(`--${boundary}`, 'utf8');
  const ranges: Array<[number, number]> = [];
  let partStart = -1;
  for (let line = start; line < end; ) {
    const next = lineEnd(raw, line, end);
    const after = line + delimiter.length;
    // A delimiter holds no line feed, so comparing it reads at most this line (and its LF).
    if (
      raw[line] === 45 &&
      raw[line + 1] === 45 &&
      after <= end &&
      raw.compare(delimiter, 0, delimiter.length, line, after) === 0
    ) {
      const closing = raw[after] === 45 && raw[after + 1] === 45;
      const rest = raw.toString('latin1', closing ? after + 2 : after, next);
      if (/^[ \t]*\r?\n?$/.test(rest)) {
        if (partStart >= 0) {
          let partEnd = line;
          if (raw[partEnd - 1] === 10) partEnd--;
          if (raw[partEnd - 1] === 13) partEnd--;
          ranges.push([partStart, Math.max(partStart, partEnd)]);
        }
        if (closing) return ranges;
        partStart = next;
      }
    }
    line = next;
  }
  if (partStart >= 0) ranges.push([partStart, end]);
  return ranges;
}

// RFC 2045 §5.1: type "/" subtype, each a token (printable US-ASCII without space and tspecials). No backtracking:
// each character class is distinct from "/".
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Parses a part (the whole message at depth 0) and, for a multipart, its children, recursively. */
export function parsePart(raw: Buffer, start: number, end: number, path: Array<string | number>, depth = 0): MimePart {
  const block = parseHeaderBlock(raw, start, end);
  const typeHeader = headerValue(block.headers, 'content-type');
  const parsed = parseStructured(typeHeader);
  const valid = MEDIA_TYPE.test(parsed.value);
  const part: MimePart = {
    path,
    block,
    // A value that is not type/subtype says nothing reliable, its parameters included: the part has the default.
    contentType: valid ? parsed : parseStructured(undefined),
    typed: valid,
    bodyStart: block.bodyStart,
    bodyEnd: end,
    children: [],
  };
  if (typeHeader !== undefined && !valid) part.unparsedType = typeHeader;
  const boundary = part.contentType.params.get('boundary');
  if (part.contentType.value.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const unquoted = boundary.replace(/^"(.*)"$/, '$1');
    splitParts(raw, part.bodyStart, end, unquoted).forEach(([childStart, childEnd], index) => {
      part.children.push(parsePart(raw, childStart, childEnd, [...path, 'parts', index], depth + 1));
    });
  }
  return part;
}

/**
 * Notes on the parts whose Content-Type could not be parsed, read as `text/plain; charset=us-ascii` (RFC 2045
 * §5.2): the part is body text, not an attachment, and bytes beyond ASCII in it are the sender's to declare.
 */
export function defaultedTypeNotes(root: MimePart, into: LintNote[] = []): LintNote[] {
  if (root.unparsedType !== undefined) {
    const where = root.path.length === 0 ? 'The message' : `Part ${root.path.join('.')}`;
    into.push({
      path: [...root.path, 'headers', 'Content-Type'],
      message: `${where} has Content-Type ${quote(root.unparsedType)}, which is not type/subtype; read as text/plain; charset=us-ascii (RFC 2045 §5.2)`,
    });
  }
  for (const child of root.children) defaultedTypeNotes(child, into);
  return into;
}

/** The leaves of a part tree, in order. */
export function leafParts(part: MimePart, into: MimePart[] = []): MimePart[] {
  if (part.children.length === 0) into.push(part);
  for (const child of part.children) leafParts(child, into);
  return into;
}
