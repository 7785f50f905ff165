import { isQcloudMailError, QcloudMailError } from '@qcloudmail/core';

// The HTTP status of errors raised while reading a request; a WeakMap keeps QcloudMailError as the one class.
const STATUS = new WeakMap<QcloudMailError, number>();

/** A refusal of the request itself (malformed path, body too large...): a `VALIDATION` error with its status. */
export function httpFailure(status: number, message: string): QcloudMailError {
  const error = new QcloudMailError({ code: 'VALIDATION', message });
  STATUS.set(error, status);
  return error;
}

/** The status an error answers with: its own, 400 for bad input or configuration, else 500. */
export function statusOf(error: unknown): number {
  if (!isQcloudMailError(error)) return 500;
  const own = STATUS.get(error);
  if (own !== undefined) return own;
  return error.code === 'VALIDATION' || error.code === 'CONFIGURATION' ? 400 : 500;
}

/** The longest request path the emulator reads; its own paths are far shorter. */
export const MAX_PATH_LENGTH = 2048;

/**
 * Splits a request path into decoded segments. The length is checked before any work (414), and a malformed
 * percent-escape (`%E0%A4%A`) is the client's mistake (400), never an internal error.
 */
export function pathSegments(pathname: string): string[] {
  if (pathname.length > MAX_PATH_LENGTH) throw httpFailure(414, `The path is over ${MAX_PATH_LENGTH} characters`);
  return pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw httpFailure(400, 'The path has a malformed percent-escape');
      }
    });
}
