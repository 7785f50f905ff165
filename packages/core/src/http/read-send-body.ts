import type { Readable } from 'node:stream';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';
import { boundsError } from './check-json-bounds.js';
import { type JsonHttpResponse, refusalResponse } from './json-response.js';
import { type JsonShapeBounds, SEND_ROUTE_SHAPE, scanJsonShape } from './scan-json-shape.js';

/** A request's headers as Node gives them (names in lower case); other spellings are found too. */
export type SendRequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A send request's body: its bytes or text already read, a stream to read up to the limit, or the value a
 * JSON parser in front of the handler already made (its shape then cannot be scanned before parsing).
 */
export type SendRequestBody = { bytes: Uint8Array | string } | { stream: Readable } | { parsed: unknown };

/** Why a request body was refused, with the HTTP status that says so. */
export interface BodyRefusal {
  ok: false;
  status: 400 | 413 | 415;
  code: 'MALFORMED_JSON' | 'BODY_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';
  message: string;
}

/** The outcome of reading a JSON request body. */
export type BodyResult = { ok: true; value: unknown } | BodyRefusal;

/** The answer to a refused body; a 413 closes the connection, since the rest of the body was left unread. */
export function bodyRefusalResponse(refusal: BodyRefusal): JsonHttpResponse {
  const headers: Record<string, string> = refusal.status === 413 ? { Connection: 'close' } : {};
  return refusalResponse(refusal.status, refusal.code, refusal.message, headers);
}

/** How `readSendBody` reads a body other than a send request's (the delivery-event callback's). */
export interface ReadBodyOptions {
  /** The caps checked before parsing and the error for the first one crossed; the send route's by default. */
  shape?: { bounds: JsonShapeBounds; error(issue: MailIssue): QcloudMailError };
  /** Read the body as JSON whatever its declared media type (still UTF-8 and uncompressed). */
  anyMediaType?: boolean;
}

const SEND_SHAPE: Required<ReadBodyOptions>['shape'] = {
  bounds: SEND_ROUTE_SHAPE,
  // One issue always makes an error; the cast only drops the `undefined` of an empty list.
  error: (issue) => boundsError([issue]) as QcloudMailError,
};

const tooLarge = (limit: number): BodyRefusal => ({
  ok: false,
  status: 413,
  code: 'BODY_TOO_LARGE',
  message: `The request body is larger than ${limit} bytes`,
});

const unsupported = (message: string): BodyRefusal => ({
  ok: false,
  status: 415,
  code: 'UNSUPPORTED_MEDIA_TYPE',
  message,
});

const malformed: BodyRefusal = {
  ok: false,
  status: 400,
  code: 'MALFORMED_JSON',
  message: 'The request body is not valid JSON',
};

/** The first value of header `name`, whatever the case of its spelling. */
export function headerOf(headers: SendRequestHeaders, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    const key = Object.keys(headers).find((each) => each.toLowerCase() === name);
    value = key === undefined ? undefined : headers[key];
  }
  return typeof value === 'string' ? value : value?.[0];
}

/** Refuses anything but uncompressed UTF-8 JSON before a byte of the body is read. */
function checkHeaders(headers: SendRequestHeaders, anyMediaType: boolean): BodyRefusal | undefined {
  const [type = '', ...params] = (headerOf(headers, 'content-type') ?? '').split(';');
  if (!anyMediaType && type.trim().toLowerCase() !== 'application/json') {
    return unsupported('The request body must be JSON (Content-Type: application/json)');
  }
  const charset = params
    .map((param) => param.trim().toLowerCase())
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return unsupported('The request body must be UTF-8 JSON');
  }
  // A compressed body could expand far beyond the limit that its size on the wire respects.
  const encoding = (headerOf(headers, 'content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return unsupported('Compressed request bodies are not accepted');
  return undefined;
}

/** Checks the body's shape, then decodes and parses it; throws a `QcloudMailError` for anything but bad JSON. */
function parseBytes(bytes: Uint8Array, shape: Required<ReadBodyOptions>['shape']): BodyResult {
  const issue = scanJsonShape(bytes, shape.bounds);
  if (issue !== undefined) throw shape.error(issue);
  let text: string;
  try {
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  } catch (error) {
    // A string past V8's length limit or memory running out: the handler's failure, not the caller's.
    throw new QcloudMailError({ code: 'UNKNOWN', message: 'The request body could not be decoded', cause: error });
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return malformed;
    throw new QcloudMailError({ code: 'UNKNOWN', message: 'The request body could not be decoded', cause: error });
  }
}

/** Reads `stream` to its end, settling with 413 as soon as more than `limit` bytes arrived (the rest unread). */
function readStream(stream: Readable, limit: number, shape: Required<ReadBodyOptions>['shape']): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const detach = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > limit) {
        stream.pause();
        detach();
        resolve(tooLarge(limit));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => {
      detach();
      // Thrown inside an event handler, this would crash the process: it is settled here instead.
      try {
        resolve(parseBytes(Buffer.concat(chunks, received), shape));
      } catch (error) {
        reject(error);
      }
    };
    // A broken upload is as good as a malformed one: there is no JSON to act on.
    const onError = (): void => {
      detach();
      resolve(malformed);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/**
 * Reads a JSON send request of at most `limit` bytes: 415 for another type, 413 as soon as it is too large
 * (from `Content-Length` or while streaming, so that an oversized body is never buffered), 400 when it does not
 * parse. Its shape is checked before it is parsed (`scanJsonShape`): a body past the handler's bounds rejects
 * with a `VALIDATION` error (or `options.shape`'s), any other failure with an `UNKNOWN` one. A body already
 * parsed is taken as it is.
 */
export async function readSendBody(
  headers: SendRequestHeaders,
  body: SendRequestBody,
  limit: number,
  options: ReadBodyOptions = {},
): Promise<BodyResult> {
  const shape = options.shape ?? SEND_SHAPE;
  const refused = checkHeaders(headers, options.anyMediaType === true);
  if (refused !== undefined) return refused;
  if ('parsed' in body) return body.parsed === undefined ? malformed : { ok: true, value: body.parsed };
  const declared = Number(headerOf(headers, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) return tooLarge(limit);
  if ('stream' in body) return readStream(body.stream, limit, shape);
  const bytes = typeof body.bytes === 'string' ? Buffer.from(body.bytes, 'utf8') : body.bytes;
  return bytes.byteLength > limit ? tooLarge(limit) : parseBytes(bytes, shape);
}
