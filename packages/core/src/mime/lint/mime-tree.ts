import {
  type HeaderBlock,
  headerValue,
  parseHeaderBlock,
  parseStructured,
  type StructuredValue,
} from './header-block.js';

/** A part of the message: its headers, content type, body range and, for a multipart, its children. */
export interface MimePart {
  path: Array<string | number>;
  block: HeaderBlock;
  contentType: StructuredValue;
  /** Whether the part had a Content-Type header at all. */
  typed: boolean;
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

/** Parses a part (the whole message at depth 0) and, for a multipart, its children, recursively. */
export function parsePart(raw: Buffer, start: number, end: number, path: Array<string | number>, depth = 0): MimePart {
  const block = parseHeaderBlock(raw, start, end);
  const typeHeader = headerValue(block.headers, 'content-type');
  const part: MimePart = {
    path,
    block,
    contentType: parseStructured(typeHeader),
    typed: typeHeader !== undefined,
    bodyStart: block.bodyStart,
    bodyEnd: end,
    children: [],
  };
  const boundary = part.contentType.params.get('boundary');
  if (part.contentType.value.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const unquoted = boundary.replace(/^"(.*)"$/, '$1');
    splitParts(raw, part.bodyStart, end, unquoted).forEach(([childStart, childEnd], index) => {
      part.children.push(parsePart(raw, childStart, childEnd, [...path, 'parts', index], depth + 1));
    });
  }
  return part;
}

/** The leaves of a part tree, in order. */
export function leafParts(part: MimePart, into: MimePart[] = []): MimePart[] {
  if (part.children.length === 0) into.push(part);
  for (const child of part.children) leafParts(child, into);
  return into;
}
