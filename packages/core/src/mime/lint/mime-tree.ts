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

/** Finds the byte ranges of a multipart body's parts: each delimiter must start a line (RFC 2046). */
function splitParts(raw: Buffer, start: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = Buffer.from(`--${boundary}`, 'utf8');
  const ranges: Array<[number, number]> = [];
  let partStart = -1;
  let search = start;
  while (search < end) {
    const found = raw.indexOf(delimiter, search);
    if (found < 0 || found + delimiter.length > end) break;
    search = found + delimiter.length;
    if (found !== start && raw[found - 1] !== 10) continue;
    const after = found + delimiter.length;
    const closing = raw[after] === 45 && raw[after + 1] === 45;
    const rest = raw.toString('latin1', closing ? after + 2 : after, lineEnd(raw, after, end));
    if (!/^[ \t]*\r?\n?$/.test(rest)) continue;
    if (partStart >= 0) {
      let partEnd = found;
      if (raw[partEnd - 1] === 10) partEnd--;
      if (raw[partEnd - 1] === 13) partEnd--;
      ranges.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (closing) return ranges;
    partStart = lineEnd(raw, after, end);
    search = partStart;
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
