import { createReadStream } from 'node:fs';
import { type MailIssueCode, QcloudMailError, type RuleId } from '@qcloudmail/core';
import { collectStream, isReadableStream } from './collect-stream.js';
import { type FieldPath, refusal } from './refusal.js';

/** Where content may come from: files only when allowed, URLs never. */
export interface ContentPolicy {
  /** The transport's `allowFileAccess`: reading `path` needs it. */
  allowFileAccess: boolean;
  /** nodemailer's `disableFileAccess`: only ever restricts more. */
  disableFileAccess: boolean;
  signal: AbortSignal | undefined;
}

/** Where a piece of content goes: its field, the most bytes it may have, and the rule it answers to. */
export interface ContentSlot {
  path: FieldPath;
  maxBytes: number;
  tooLarge: MailIssueCode;
  rule: RuleId;
}

const DATA_URI = /^data:([^,]*?)(;base64)?,(.*)$/is;

function decodeDataUri(uri: string, slot: ContentSlot, key: string): Buffer {
  const match = DATA_URI.exec(uri);
  try {
    if (match === null) throw new Error('not a data URI');
    const body = match[3] ?? '';
    return match[2] === undefined ? Buffer.from(decodeURIComponent(body), 'utf8') : Buffer.from(body, 'base64');
  } catch (cause) {
    throw refusal({
      path: [...slot.path, key],
      issue: 'invalid_type',
      rule: slot.rule,
      message: 'is not a valid data: URI',
      cause,
    });
  }
}

function tooLarge(slot: ContentSlot): QcloudMailError {
  return refusal({
    path: slot.path,
    issue: slot.tooLarge,
    rule: 'SIZES',
    message: `is larger than ${slot.maxBytes} bytes, the service's limit (SIZES); reading stopped there`,
  });
}

function checked(bytes: Buffer, slot: ContentSlot): Buffer {
  if (bytes.length > slot.maxBytes) throw tooLarge(slot);
  return bytes;
}

async function readStream(stream: NodeJS.ReadableStream, slot: ContentSlot, policy: ContentPolicy, what: string) {
  const result = await collectStream(stream as import('node:stream').Readable, slot.maxBytes, policy.signal);
  if (result.ok) return result.bytes;
  if (result.reason === 'too_large') throw tooLarge(slot);
  if (result.reason === 'aborted') {
    throw new QcloudMailError({ code: 'ABORTED', message: 'The send was aborted while reading its content' });
  }
  const code = (result.error as { code?: unknown } | undefined)?.code;
  throw refusal({
    path: slot.path,
    issue: 'invalid_type',
    rule: slot.rule,
    message: `could not be read from its ${what}${typeof code === 'string' ? ` (${code})` : ''}`,
    nodemailerCode: 'ESTREAM',
    cause: result.error,
  });
}

function readFile(file: string, slot: ContentSlot, policy: ContentPolicy): Promise<Buffer> {
  const path = [...slot.path, 'path'];
  if (policy.disableFileAccess) {
    throw refusal({
      path,
      issue: 'invalid_type',
      rule: slot.rule,
      code: 'CONFIGURATION',
      message: 'reading files is switched off by disableFileAccess; pass the bytes as content',
    });
  }
  if (!policy.allowFileAccess) {
    throw refusal({
      path,
      issue: 'invalid_type',
      rule: slot.rule,
      code: 'CONFIGURATION',
      message:
        'reading files is off by default; pass the bytes as content, or create the transport with allowFileAccess: true',
    });
  }
  return readStream(createReadStream(file), slot, policy, 'file');
}

function refuseUrl(slot: ContentSlot, key: string): never {
  throw refusal({
    path: [...slot.path, key],
    issue: 'invalid_type',
    rule: slot.rule,
    message:
      'qcloudmail never fetches URLs taken from message data; download the content yourself and pass it as content',
  });
}

/**
 * Resolves nodemailer's content forms (a string, bytes, a stream, `{ content, encoding }`, `{ path }`,
 * `{ href }`, a `data:` URI) to a string or bytes, reading streams and files with a size cap; `undefined`
 * when there is no content. Files need `allowFileAccess`; URLs are never fetched.
 */
export async function readContent(
  value: unknown,
  slot: ContentSlot,
  policy: ContentPolicy,
): Promise<string | Buffer | undefined> {
  if (value === undefined || value === null || value === false) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (isReadableStream(value)) return readStream(value, slot, policy, 'stream');
  if (typeof value !== 'object') {
    throw refusal({ path: slot.path, issue: 'invalid_type', rule: slot.rule, message: 'must be a string or bytes' });
  }
  const source = value as { content?: unknown; path?: unknown; href?: unknown; encoding?: unknown };
  if (source.content !== undefined) {
    const content = await readContent(source.content, slot, policy);
    if (typeof content !== 'string' || source.encoding === undefined) return content;
    const encoding = String(source.encoding).toLowerCase();
    if (!Buffer.isEncoding(encoding)) {
      throw refusal({
        path: [...slot.path, 'encoding'],
        issue: 'invalid_type',
        rule: slot.rule,
        message: `"${encoding}" is not an encoding Node.js knows (base64, hex, utf-8, latin1, ...)`,
      });
    }
    return Buffer.from(content, encoding);
  }
  for (const key of ['path', 'href'] as const) {
    const location = source[key];
    if (typeof location !== 'string') continue;
    // A data: URI carries its bytes inline: no file and no network is involved.
    if (/^data:/i.test(location)) return checked(decodeDataUri(location, slot, key), slot);
    if (key === 'href' || /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) refuseUrl(slot, key);
    return readFile(location, slot, policy);
  }
  throw refusal({
    path: slot.path,
    issue: 'invalid_type',
    rule: slot.rule,
    message: 'must be a string, bytes, a stream, or { content }, { path } (with allowFileAccess)',
  });
}
