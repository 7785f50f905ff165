import { assertValidMessage } from '../model/validate-message.js';
import { buildMimeFromMessage } from './build-mime.js';
import type { BuildMimeOptions, BuiltMime } from './types.js';

/**
 * Validates a message as given by the caller (nodemailer-style fields) and builds its SES-safe MIME
 * bytes; throws a `QcloudMailError` with code `VALIDATION` and every issue when the service would refuse it.
 */
export function buildMime(input: unknown, options: BuildMimeOptions = {}): BuiltMime {
  const message = assertValidMessage(input, options.limits === undefined ? undefined : { limits: options.limits });
  return buildMimeFromMessage(message, options);
}
