import type { IncomingMessage } from 'node:http';
import { QcloudMailError } from '@qcloudmail/core';
import { boundsError } from './check-json-bounds.js';
import { scanJsonShape } from './scan-json-shape.js';

/** Why a request body was refused, with the HTTP status that says so. */
export interface BodyRefusal {
  ok: false;
  status: 400 | 413 | 415;
  code: 'MALFORMED_JSON' | 'BODY_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';
  message: string;
}

/** The outcome of reading a JSON request body. */
export type BodyResult = { ok: true; value: unknown } | BodyRefusal;

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

/** Refuses anything but uncompressed UTF-8 JSON before a byte of the body is read. */
function checkHeaders(req: IncomingMessage): BodyRefusal | undefined {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') {
    return unsupported('The request body must be JSON (Content-Type: application/json)');
  }
  const charset = params
    .map((param) => param.trim().toLowerCase())
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return unsupported('The request body must be UTF-8 JSON');
  }
  // A compressed body could expand far beyond the limit that its size on the wire respects.
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return unsupported('Compressed request bodies are not accepted');
  return undefined;
}

const malformed: BodyRefusal = {
  ok: false,
  status: 400,
  code: 'MALFORMED_JSON',
  message: 'The request body is not valid JSON',
};

function parse(text: string): BodyResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return malformed;
    throw error;
  }
}

/** Checks the body's shape, then decodes and parses it; throws a `QcloudMailError` for anything but bad JSON. */
function parseBytes(bytes: Buffer): BodyResult {
  const issue = scanJsonShape(bytes);
  if (issue !== undefined) throw boundsError([issue]);
  try {
    return parse(bytes.toString('utf8'));
  } catch (error) {
    // A string past V8's length limit or memory running out: the route's failure, not the caller's.
    throw new QcloudMailError({ code: 'UNKNOWN', message: 'The request body could not be decoded', cause: error });
  }
}

/**
 * Reads a JSON request body of at most `limit` bytes: 415 for another type, 413 as soon as it is too large
 * (from `Content-Length` or while streaming, so that an oversized body is never buffered), 400 when it does not
 * parse. Its shape is checked before it is parsed (`scanJsonShape`): a body past the route's bounds rejects
 * with a `VALIDATION` error, any other failure with an `UNKNOWN` one. A body that a JSON parser in front already
 * consumed is taken as that parser left it.
 */
export function readJsonBody(req: IncomingMessage & { body?: unknown }, limit: number): Promise<BodyResult> {
  const refused = checkHeaders(req);
  if (refused !== undefined) return Promise.resolve(refused);
  if (req.readableEnded) {
    return Promise.resolve(req.body === undefined ? malformed : { ok: true, value: req.body });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge(limit));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const detach = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        detach();
        resolve(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      detach();
      // Thrown inside an event handler, this would crash the process: it is settled here instead.
      try {
        resolve(parseBytes(Buffer.concat(chunks, received)));
      } catch (error) {
        reject(error);
      }
    };
    // A broken upload is as good as a malformed one: there is no JSON to act on.
    const onError = (): void => {
      detach();
      resolve(malformed);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
