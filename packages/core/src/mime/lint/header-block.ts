import { decodeExtendedValue, percentDecode } from './decode-words.js';

/** One header field, unfolded, with the 1-based line (within its block) where it starts. */
export interface RawHeader {
  name: string;
  value: string;
  line: number;
}

/** A parsed header block and where the body after it starts. */
export interface HeaderBlock {
  headers: RawHeader[];
  /** R11 problems: line number within the block and what is wrong. */
  syntax: Array<{ line: number; problem: string }>;
  bodyStart: number;
  /** False when no empty line ended the block before `end`. */
  terminated: boolean;
}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * Reads header fields from `start` up to the first empty line (or `end`), unfolding continuation
 * lines. Never throws: problems become `syntax` entries (R11).
 */
export function parseHeaderBlock(raw: Buffer, start: number, end: number): HeaderBlock {
  const block: HeaderBlock = { headers: [], syntax: [], bodyStart: end, terminated: false };
  let position = start;
  let line = 0;
  while (position < end) {
    const lf = raw.indexOf(10, position);
    const stop = lf < 0 || lf >= end ? end : lf;
    const next = stop === end ? end : stop + 1;
    let text = raw.toString('utf8', position, stop);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    line++;
    position = next;
    if (text === '') {
      block.bodyStart = next;
      block.terminated = true;
      return block;
    }
    const first = text.charCodeAt(0);
    if (first === 32 || first === 9) {
      const current = block.headers[block.headers.length - 1];
      if (current) current.value += text;
      else block.syntax.push({ line, problem: 'the first header line starts with white space' });
      continue;
    }
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon) : '';
    if (!FIELD_NAME.test(name)) {
      block.syntax.push({
        line,
        problem: colon < 0 ? 'a header line has no colon and is not a continuation' : 'a header field name is invalid',
      });
      continue;
    }
    block.headers.push({ name, value: text.slice(colon + 1), line });
  }
  return block;
}

/** The trimmed value of the first header of that name (case-insensitive). */
export function headerValue(headers: readonly RawHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  // The length test first: most names differ in length, and lower-casing each header of each part adds up.
  return headers
    .find((header) => header.name.length === lower.length && header.name.toLowerCase() === lower)
    ?.value.trim();
}

/** A structured value such as Content-Type: the lower-cased main value and its parameters. */
export interface StructuredValue {
  value: string;
  params: Map<string, string>;
}

function splitParameters(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += text[++i];
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (char === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += char;
  }
  pieces.push(current);
  return pieces;
}

/** Parses `type/subtype; a=b; c="d"` including RFC 2231 continuations (`name*0*=`) and charsets. */
export function parseStructured(text: string | undefined): StructuredValue {
  if (text === undefined || text === '') return { value: '', params: new Map() };
  const [main = '', ...rest] = splitParameters(text);
  const params = new Map<string, string>();
  const extended = new Map<string, Array<{ index: number; value: string; encoded: boolean }>>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    const value = piece.slice(eq + 1).trim();
    const match = /^([^*]+)\*(?:(\d+)\*?|)$/.exec(key);
    if (!match) {
      params.set(key, value);
      continue;
    }
    const base = match[1] as string;
    const list = extended.get(base) ?? [];
    list.push({ index: Number(match[2] ?? 0), value, encoded: key.endsWith('*') });
    extended.set(base, list);
  }
  for (const [base, list] of extended) {
    list.sort((a, b) => a.index - b.index);
    const head = list[0];
    const { charset } = head?.encoded ? decodeExtendedValue(head.value, true) : { charset: 'utf-8' };
    const joined = list
      .map((entry, position) => {
        const text = entry.encoded && position === 0 ? decodeExtendedValue(entry.value, true).text : entry.value;
        return entry.encoded ? text : encodeURIComponent(text);
      })
      .join('');
    params.set(base, percentDecode(joined, charset));
  }
  return { value: main.trim().toLowerCase(), params };
}
