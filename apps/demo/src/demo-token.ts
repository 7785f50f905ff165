import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The bearer token the demo's send routes ask for: random per run, printed by `--serve` and sent by the
 * demo's own requests. A send route without authorization would be an open relay.
 */
export const DEMO_TOKEN = randomBytes(18).toString('base64url');

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const EXPECTED = digest(`Bearer ${DEMO_TOKEN}`);

/** True when an `Authorization` header carries the demo's token; compared in constant time. */
export function isDemoBearer(authorization: string | string[] | undefined): boolean {
  if (typeof authorization !== 'string') return false;
  // Digests are of equal length whatever was sent, as timingSafeEqual needs.
  return timingSafeEqual(digest(authorization), EXPECTED);
}
