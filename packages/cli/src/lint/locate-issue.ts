/** Where an issue is: a readable place (`part 2 › header Content-Type`) and, when found, its line in the file. */
export interface IssueLocation {
  text: string;
  /** The 1-based line of the file; absent when the place has no single line (the attachments as a whole). */
  line?: number;
}

interface PartLines {
  /** 1-based line of each header field's first line, by lower-case name (the first occurrence). */
  headers: Map<string, number>;
  headerStart: number;
  bodyStart: number;
  end: number;
  contentType: string;
  /** The children's line ranges, found on first use. */
  children?: Array<[number, number]>;
}

/** The lines of a message, read on demand: only the offsets are kept, so a large attachment costs no strings. */
export interface MessageLines {
  count: number;
  /** Line `index` (0-based) without its line ending. */
  text(index: number): string;
  /** Whether line `index` starts with "--", as multipart delimiters do. */
  dashed(index: number): boolean;
}

/** Indexes the lines of a raw message (LF or CRLF endings). */
export function messageLines(raw: Buffer): MessageLines {
  const starts = [0];
  for (let lf = raw.indexOf(10); lf >= 0; lf = raw.indexOf(10, lf + 1)) starts.push(lf + 1);
  const end = (index: number): number => (index + 1 < starts.length ? (starts[index + 1] as number) - 1 : raw.length);
  return {
    count: starts.length,
    text(index) {
      const start = starts[index];
      if (start === undefined) return '';
      const line = raw.toString('latin1', start, end(index));
      return line.endsWith('\r') ? line.slice(0, -1) : line;
    },
    dashed(index) {
      const start = starts[index];
      return start !== undefined && raw[start] === 45 && raw[start + 1] === 45;
    },
  };
}

const MAX_HEADER_LINES = 2000;

// Reads one header block the way the linter does (R11): a field starts at column 0, continuations with white space.
function readPart(lines: MessageLines, start: number, end: number): PartLines {
  const part: PartLines = { headers: new Map(), headerStart: start + 1, bodyStart: end + 1, end, contentType: '' };
  let current = '';
  // Real header blocks are short; a block that never ends is not read to the end of a large message.
  const stop = Math.min(end, start + MAX_HEADER_LINES);
  for (let index = start; index < stop; index++) {
    const line = lines.text(index);
    if (line === '') {
      part.bodyStart = index + 2;
      break;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === 'content-type') part.contentType += line;
      continue;
    }
    const colon = line.indexOf(':');
    current = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (current === '') continue;
    if (!part.headers.has(current)) part.headers.set(current, index + 1);
    if (current === 'content-type' && part.contentType === '') part.contentType = line.slice(colon + 1);
  }
  return part;
}

// The [start, end) line ranges of a multipart body's children (RFC 2046 delimiters on their own line).
function childRanges(lines: MessageLines, part: PartLines): Array<[number, number]> {
  const boundary = /boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(part.contentType);
  const name = boundary?.[1] ?? boundary?.[2];
  if (!/^\s*multipart\//i.test(part.contentType) || !name) return [];
  const ranges: Array<[number, number]> = [];
  let open = -1;
  for (let index = part.bodyStart - 1; index < part.end; index++) {
    if (!lines.dashed(index)) continue;
    const line = lines.text(index).trimEnd();
    if (line !== `--${name}` && line !== `--${name}--`) continue;
    if (open >= 0) ranges.push([open, index]);
    if (line === `--${name}--`) return ranges;
    open = index + 1;
  }
  if (open >= 0) ranges.push([open, part.end]);
  return ranges;
}

function describe(path: ReadonlyArray<string | number>): string {
  const places: string[] = [];
  const partNumbers: number[] = [];
  for (let index = 0; index < path.length; index++) {
    const key = path[index];
    const next = path[index + 1];
    if (key === 'parts' && typeof next === 'number') {
      // IMAP-style part numbers (1-based, dotted), the numbering mail tools show.
      partNumbers.push(next + 1);
      index++;
      continue;
    }
    if (partNumbers.length > 0 && places.length === 0) places.push(`part ${partNumbers.join('.')}`);
    if ((key === 'headers' || key === 'line') && next !== undefined) {
      places.push(`${key === 'headers' ? 'header' : 'line'} ${String(next)}`);
      index++;
    } else places.push(String(key));
  }
  if (places.length === 0 && partNumbers.length > 0) places.push(`part ${partNumbers.join('.')}`);
  return places.length === 0 ? 'message' : places.join(' › ');
}

// Parts already read, per message: a report locates many issues, and reading the part tree again for each
// would cost the whole message per issue (a message with thousands of parts, thousands of issues).
const partCache = new WeakMap<MessageLines, Map<string, PartLines>>();

function cachedPart(lines: MessageLines, start: number, end: number): PartLines {
  let parts = partCache.get(lines);
  if (parts === undefined) {
    parts = new Map();
    partCache.set(lines, parts);
  }
  const key = `${start}:${end}`;
  let part = parts.get(key);
  if (part === undefined) {
    part = readPart(lines, start, end);
    parts.set(key, part);
  }
  return part;
}

function findLine(lines: MessageLines, path: ReadonlyArray<string | number>): number | undefined {
  if (path.length === 0) return undefined;
  if (path[0] === 'line') return typeof path[1] === 'number' ? path[1] : undefined;
  let part = cachedPart(lines, 0, lines.count);
  for (let index = 0; index < path.length; index++) {
    const key = path[index];
    const next = path[index + 1];
    if (key === 'parts' && typeof next === 'number') {
      part.children ??= childRanges(lines, part);
      const range = part.children[next];
      if (range === undefined) return undefined;
      part = cachedPart(lines, range[0], range[1]);
      index++;
    } else if (key === 'headers') {
      return typeof next === 'string' ? part.headers.get(next.toLowerCase()) : part.headerStart;
    } else if (key === 'body') {
      return part.bodyStart <= lines.count ? part.bodyStart : undefined;
    } else return undefined;
  }
  return part.headerStart;
}

/** Turns an issue's `path` into a readable place and, where the file has one, the line it starts on. */
export function locateIssue(lines: MessageLines, path: ReadonlyArray<string | number>): IssueLocation {
  const text = describe(path);
  const line = findLine(lines, path);
  return line === undefined ? { text } : { text, line };
}
