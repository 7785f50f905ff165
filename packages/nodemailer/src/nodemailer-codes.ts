import { isQcloudMailError, type QcloudMailError, toQcloudMailError } from '@qcloudmail/core';

/**
 * nodemailer's error code of any error: a `QcloudMailError`'s `nodemailerCode`, or the `code` of nodemailer's
 * own errors; so one check works across transports during a migration.
 */
export function nodemailerCodeOf(error: unknown): string | undefined {
  if (isQcloudMailError(error)) return error.nodemailerCode;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The error handed to nodemailer's callback: always a `QcloudMailError`, whose `nodemailerCode` core fills in. */
export function toTransportError(error: unknown): QcloudMailError {
  return isQcloudMailError(error) ? error : toQcloudMailError(error);
}
