import { createHash, randomFillSync } from 'node:crypto';

/**
 * Boundaries, Message-IDs and dates. A boundary is `=_qcm_` and 22 hex digits: `=_` can never
 * appear in quoted-printable output (`=` is always followed by a hex digit or a line break) nor in
 * base64 (no `_`), and 88 random bits make a collision with any other text negligible.
 */
export const BOUNDARY_PREFIX = '=_qcm_';

// One call to the system's random source per 4 KiB of identifiers instead of one per identifier: a call
// costs far more than the bytes, and was most of the time spent building a typical message.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** Makes boundaries: random, or derived from a seed so that tests can compare bytes. */
export function boundaryFactory(seed?: string): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    const hex =
      seed === undefined
        ? randomHex(11)
        : createHash('sha256').update(`${seed}\0${counter}`).digest('hex').slice(0, 22);
    return `${BOUNDARY_PREFIX}${hex}`;
  };
}

/** A new Message-ID `<random@domain>` on the sender's domain (the service returns no id of its own, R21). */
export function generateMessageId(senderAddress: string): string {
  const at = senderAddress.lastIndexOf('@');
  const domain = at >= 0 && at < senderAddress.length - 1 ? senderAddress.slice(at + 1) : 'qcloudmail.local';
  return `<${randomHex(16)}@${domain}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');

/**
 * An RFC 5322 date in UTC, e.g. `Tue, 07 Jan 2025 08:09:10 +0000`. The year has at least four digits
 * (`0999`): RFC 5322 reads two digits as an obsolete short year, so `999` or `99` would name another year.
 */
export function formatMailDate(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return (
    `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${year} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
