import type { Readable } from 'node:stream';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { formatPath, type IssuePath } from '../model/issue.js';
import type { MailIssueCode } from '../model/issues.js';
import type { RuleId } from '../rules.js';
import { decodeDataUriBody, decodedSizeFloor, splitDataUri } from './data-uri.js';
import { isReadableStream, readStream } from './read-stream.js';

/** Where a piece of content goes: its field, the most bytes it may have, and the rules it answers to. */
export interface ContentSlot {
  /** The field the content is for, as issues name it: `['attachments', 0]`. */
  path: IssuePath;
  /** The most bytes the content may have; reading stops just past it. */
  maxBytes: number;
  /** The issue code of content over `maxBytes` (`attachment_too_large`, `body_too_large`, `message_too_large`). */
  tooLarge: MailIssueCode;
  /** The rule an unreadable content breaks (`R10` for a body, `R13` for an attachment). */
  rule: RuleId;
  /** Stops reading when it aborts (an `ABORTED` error). */
  signal?: AbortSignal | undefined;
}

/** What `readContent` reads: text, bytes or a stream. */
export type ContentSource = string | Uint8Array | Readable;

/** A `VALIDATION` error with one issue at `path`. */
export function contentRefusal(
  code: MailIssueCode,
  path: IssuePath,
  rule: RuleId,
  message: string,
  extra: { cause?: unknown; nodemailerCode?: 'ESTREAM' } = {},
): QcloudMailError {
  return new QcloudMailError({
    code: 'VALIDATION',
    rule,
    message: `${formatPath(path)}: ${message}`,
    issues: [{ code, path: [...path], rule, message: `${formatPath(path)}: ${message}` }],
    ...extra,
  });
}

function tooLarge(slot: ContentSlot): QcloudMailError {
  return contentRefusal(
    slot.tooLarge,
    slot.path,
    'SIZES',
    `is larger than ${slot.maxBytes} bytes, the service's limit (SIZES); reading stopped there`,
  );
}

function aborted(slot: ContentSlot): QcloudMailError {
  return new QcloudMailError({
    code: 'ABORTED',
    message: 'The send was aborted while reading its content',
    cause: slot.signal?.reason,
  });
}

/**
 * Decodes a `data:` URI (taken apart without regular expressions) within the slot's byte cap, which is checked
 * before decoding when the URI is clearly too long; `what` is the key the URI came in (`path`, `href`).
 */
export function readDataUri(uri: string, slot: ContentSlot, what = 'path'): Buffer {
  const parts = splitDataUri(uri);
  if (parts === undefined) {
    throw contentRefusal('invalid_type', [...slot.path, what], slot.rule, 'is not a valid data: URI');
  }
  if (decodedSizeFloor(parts) > slot.maxBytes) throw tooLarge(slot);
  let bytes: Buffer;
  try {
    bytes = decodeDataUriBody(parts);
  } catch (cause) {
    throw contentRefusal('invalid_type', [...slot.path, what], slot.rule, 'is not a valid data: URI', { cause });
  }
  if (bytes.length > slot.maxBytes) throw tooLarge(slot);
  return bytes;
}

/**
 * Reads content into a string (text stays text) or a Buffer (bytes, streams), with the slot's byte cap checked
 * while reading (a stream is never buffered past it) and its abort signal honoured. Failures are
 * `QcloudMailError`s naming the field and the rule: `VALIDATION`, or `ABORTED`.
 */
export async function readContent(source: ContentSource, slot: ContentSlot): Promise<string | Buffer> {
  if (slot.signal?.aborted) throw aborted(slot);
  if (typeof source === 'string') {
    // A UTF-16 unit is at most 3 UTF-8 bytes: only long strings are counted.
    if (source.length * 3 > slot.maxBytes && Buffer.byteLength(source, 'utf8') > slot.maxBytes) throw tooLarge(slot);
    return source;
  }
  if (source instanceof Uint8Array) {
    if (source.byteLength > slot.maxBytes) throw tooLarge(slot);
    return Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  }
  if (!isReadableStream(source)) {
    throw contentRefusal('invalid_type', slot.path, slot.rule, 'must be a string, bytes or a readable stream');
  }
  const result = await readStream(source, slot.maxBytes, slot.signal);
  if (result.ok) return result.bytes;
  if (result.reason === 'too_large') throw tooLarge(slot);
  if (result.reason === 'aborted') throw aborted(slot);
  const code = (result.error as { code?: unknown } | undefined)?.code;
  throw contentRefusal(
    'invalid_type',
    slot.path,
    slot.rule,
    `could not be read from its stream${typeof code === 'string' ? ` (${code})` : ''}`,
    { cause: result.error, nodemailerCode: 'ESTREAM' },
  );
}
