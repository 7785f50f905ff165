import { createHash, timingSafeEqual } from 'node:crypto';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';

/** The query parameter that carries the callback's shared secret (R26: the provider can add no header). */
export const EVENT_TOKEN_PARAMETER = 'token';

/** The shortest secret accepted: the URL is all that authenticates the provider, so it must not be guessable. */
export const MIN_EVENT_SECRET_LENGTH = 16;
const MAX_EVENT_SECRET_LENGTH = 1024;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

// RFC 3986's unreserved characters: a secret of these goes into the console's URL as it is, with no encoding
// to get wrong (`+` would arrive as a space).
function isUnreserved(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x7e
  );
}

function secretProblem(secret: unknown): string | undefined {
  if (typeof secret !== 'string') return 'must be a string';
  if (secret.length < MIN_EVENT_SECRET_LENGTH) return `must be at least ${MIN_EVENT_SECRET_LENGTH} characters long`;
  if (secret.length > MAX_EVENT_SECRET_LENGTH) return `must be at most ${MAX_EVENT_SECRET_LENGTH} characters long`;
  for (let i = 0; i < secret.length; i += 1) {
    if (!isUnreserved(secret.charCodeAt(i))) return 'may hold only letters, digits and - . _ ~ (it goes into a URL)';
  }
  return undefined;
}

/**
 * The digests of the accepted secrets: one, or several while a new one is rolled out in the console. Throws a
 * `CONFIGURATION` error naming `secret` (never its value) for anything else.
 */
export function secretDigests(secret: string | readonly string[]): Buffer[] {
  const secrets: readonly unknown[] = Array.isArray(secret) ? secret : [secret];
  const problems = secrets.map(secretProblem);
  const problem = secrets.length === 0 ? 'must name at least one secret' : problems.find((each) => each !== undefined);
  if (problem !== undefined) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      rule: 'R26',
      message: `The event callback's secret ${problem} (R26: the token in the callback URL is its only authentication)`,
    });
  }
  return secrets.map((each) => digest(each as string));
}

/** The `token` query parameter of a request target (`/path?token=...`), or `undefined` unless there is exactly one. */
export function tokenOf(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  const end = url.indexOf('#', start);
  const tokens = new URLSearchParams(url.slice(start + 1, end < 0 ? undefined : end)).getAll(EVENT_TOKEN_PARAMETER);
  return tokens.length === 1 ? tokens[0] : undefined;
}

/**
 * True when `token` is one of the secrets. Equal-length digests are compared with `timingSafeEqual`, and every
 * secret is compared, so the time taken says neither how much of the token matched nor which secret did.
 */
export function tokenMatches(token: string | undefined, digests: readonly Buffer[]): boolean {
  const given = digest(token ?? '');
  let matched = false;
  for (const each of digests) matched = timingSafeEqual(given, each) || matched;
  return token !== undefined && matched;
}
