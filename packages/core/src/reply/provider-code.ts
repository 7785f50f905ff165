import { longestKnownCodePrefix } from './error-catalog.js';

/** A provider code cleaned of whatever ran into it, and that run-on text (R16). */
export interface SplitProviderCode {
  code: string | null;
  /** Text that followed the code inside the Code field, such as a message run together with it. */
  rest: string;
}

const STRICT_CODE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/;
const CODE_CHARS = /^[A-Za-z0-9.]+/;
const LEADING_SEPARATORS = /^[\s.:：,，;；\-—]+/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The provider's own table writes "RequestLimitExceeded. SmtpRateLimit": a code may have a space after a dot.
function knownPrefixIgnoringDotSpaces(raw: string): { code: string; length: number } | undefined {
  const exact = longestKnownCodePrefix(raw);
  const collapsed = longestKnownCodePrefix(raw.replace(/\.\s+(?=[A-Za-z])/g, '.'));
  if (collapsed === undefined || (exact !== undefined && exact.length >= collapsed.length)) {
    return exact === undefined ? undefined : { code: exact, length: exact.length };
  }
  const spaced = new RegExp(`^${escapeRegExp(collapsed).replaceAll('\\.', '\\.\\s*')}`).exec(raw);
  return spaced === null ? undefined : { code: collapsed, length: spaced[0].length };
}

// A loop, not `/\.+$/`: that regex retries from every dot of a long run of dots, quadratic time.
function trimTrailingDots(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}

/**
 * Splits the Code field: a clean code stays whole; a code with its message run together (R16's own example,
 * `FailedOperation.MissingEmailContent.操作失败。...`) is cut at the longest known code, else at the first
 * character that cannot be part of a code.
 */
export function splitProviderCode(field: string | null): SplitProviderCode {
  const raw = (field ?? '').trim();
  if (raw === '') return { code: null, rest: '' };
  if (STRICT_CODE.test(raw) && longestKnownCodePrefix(raw) === raw) return { code: raw, rest: '' };
  const known = knownPrefixIgnoringDotSpaces(raw);
  if (known !== undefined) {
    return { code: known.code, rest: raw.slice(known.length).replace(LEADING_SEPARATORS, '').trim() };
  }
  if (STRICT_CODE.test(raw)) return { code: raw, rest: '' };
  const head = trimTrailingDots(CODE_CHARS.exec(raw)?.[0] ?? '');
  if (head === '' || !/^[A-Za-z]/.test(head)) return { code: null, rest: raw };
  return { code: head, rest: raw.slice(head.length).replace(LEADING_SEPARATORS, '').trim() };
}
