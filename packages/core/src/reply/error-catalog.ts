import { SES_ERROR_CATALOG } from './catalog-data.js';
import type { SesErrorCodeInfo } from './types.js';

const BY_CODE: ReadonlyMap<string, SesErrorCodeInfo> = new Map(SES_ERROR_CATALOG.map((entry) => [entry.code, entry]));
// Longest first, so that the first code that prefixes a run-together "Code.Message" is the most specific (R16).
const CODES_LONGEST_FIRST: readonly string[] = [...BY_CODE.keys()].sort((a, b) => b.length - a.length);

type Fallback = Pick<SesErrorCodeInfo, 'category' | 'retryable' | 'retryAfterMs' | 'action'>;

// R24: unknown codes are judged by their prefix; order matters (most specific first).
const PREFIX_FALLBACKS: ReadonlyArray<readonly [string, Fallback]> = [
  [
    'RequestLimitExceeded',
    {
      category: 'rate_limit',
      retryable: true,
      retryAfterMs: 1_000,
      action: 'The service is limiting the request rate; wait a second and send again at a lower rate (R5).',
    },
  ],
  [
    'InternalError',
    {
      category: 'service',
      retryable: true,
      retryAfterMs: 5_000,
      action: 'The service failed internally; send again after a few seconds.',
    },
  ],
  [
    'ServiceUnavailable',
    {
      category: 'service',
      retryable: true,
      retryAfterMs: 5_000,
      action: 'The service is temporarily unavailable; send again after a few seconds.',
    },
  ],
  [
    'AuthFailure',
    {
      category: 'auth',
      retryable: false,
      retryAfterMs: null,
      action: 'The service did not accept the credentials; check the sender address and its SMTP password (R4).',
    },
  ],
  [
    'UnauthorizedOperation',
    {
      category: 'auth',
      retryable: false,
      retryAfterMs: null,
      action: 'The credentials may not do this; check the sender address, its SMTP password and the account (R4).',
    },
  ],
  [
    'InvalidParameter',
    {
      category: 'validation',
      retryable: false,
      retryAfterMs: null,
      action: 'A value of the message is invalid; correct the value named in the provider message.',
    },
  ],
  [
    'MissingParameter',
    {
      category: 'validation',
      retryable: false,
      retryAfterMs: null,
      action: 'A required value of the message is missing; supply the one named in the provider message.',
    },
  ],
  [
    'LimitExceeded',
    {
      category: 'quota',
      retryable: false,
      retryAfterMs: null,
      action: 'An account quota is exhausted; reduce usage or ask Tencent Cloud to raise the limit.',
    },
  ],
  [
    'FailedOperation',
    {
      category: 'unknown',
      retryable: false,
      retryAfterMs: null,
      action: 'The service refused the message; read the provider message and fix the cause before sending again.',
    },
  ],
];

const UNKNOWN: Fallback = {
  category: 'unknown',
  retryable: false,
  retryAfterMs: null,
  action: 'The service answered with a code qcloudmail does not know; read the provider message and the RequestId.',
};

/**
 * The catalog entry of a provider code, or one derived from the code's prefix when the code is not in the
 * provider's list (`known: false`, R24); never throws.
 */
export function lookupErrorCode(code: string): SesErrorCodeInfo {
  const text = typeof code === 'string' ? code.trim() : '';
  const exact = BY_CODE.get(text);
  if (exact !== undefined) return exact;
  const fallback = PREFIX_FALLBACKS.find(([prefix]) => text.startsWith(prefix))?.[1] ?? UNKNOWN;
  return {
    code: text,
    ...fallback,
    meaningEn: '',
    meaningZh: '',
    rule: 'R24',
    source: { retryable: fallback.retryable ? 'yes' : 'no', category: 'unlisted' },
    known: false,
  };
}

/** True when the provider's list has this exact code. */
export function isKnownErrorCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * The longest known code that `text` starts with and that ends at a code boundary (not followed by a letter
 * or digit), for codes run together with their message (R16); undefined when none.
 */
export function longestKnownCodePrefix(text: string): string | undefined {
  for (const code of CODES_LONGEST_FIRST) {
    if (text.startsWith(code) && !/^[A-Za-z0-9]/.test(text.slice(code.length))) return code;
  }
  return undefined;
}
