import { QcloudMailError } from '@qcloudmail/core';

/** The SMTP steps a `reply` fault can answer in place of the emulator. */
export type FaultStage = 'auth' | 'mail' | 'rcpt' | 'data';

/** How many times a fault fires: a positive whole number, or `always` until removed. */
export type FaultCount = number | 'always';

/**
 * A failure to inject. Each fires on the next `count` occasions (default 1):
 * `provider-error` refuses the next messages at the end of DATA with that provider code (R16, R17);
 * `reply` answers a stage (by default `data`) with `reply`, or else the service's wording for `code` (by default
 * 421: `421 4.4.5 Too busy. Try again later.`; a code without one gets `NNN N.0.0 Error: emulated failure`); `drop-after-data` breaks the connection
 * after the final dot without replying (the rules still judge the message, so one they accept is stored as
 * accepted: the service's worst case, R19);
 * `drop-before-data` breaks it after RCPT TO; `delay` holds the reply to DATA; `greeting-delay` holds the
 * greeting; `reject-connection` answers the connection with 421; `close-during-auth` breaks it during AUTH.
 * Each step takes at most one of the faults that decide it, the oldest pending (see the README's fault stacking).
 */
export type FaultSpec =
  | { type: 'provider-error'; code: string; message?: string; count?: FaultCount }
  | { type: 'reply'; reply?: string; code?: number; stage?: FaultStage; count?: FaultCount }
  | { type: 'drop-after-data'; count?: FaultCount }
  | { type: 'drop-before-data'; count?: FaultCount }
  | { type: 'delay'; ms: number; count?: FaultCount }
  | { type: 'greeting-delay'; ms: number; count?: FaultCount }
  | { type: 'reject-connection'; count?: FaultCount }
  | { type: 'close-during-auth'; count?: FaultCount };

/** The kinds of fault, for listing and validation. */
export const FAULT_TYPES = [
  'provider-error',
  'reply',
  'drop-after-data',
  'drop-before-data',
  'delay',
  'greeting-delay',
  'reject-connection',
  'close-during-auth',
] as const satisfies ReadonlyArray<FaultSpec['type']>;

const STAGES: readonly FaultStage[] = ['auth', 'mail', 'rcpt', 'data'];
const MAX_DELAY_MS = 10 * 60 * 1000;
// Caps checked before any pattern runs: an SMTP reply line is at most 512 octets (RFC 5321 4.5.3.1.5).
const MAX_REPLY = 510;
const MAX_CODE = 100;
const MAX_MESSAGE = 1000;

function invalid(message: string): QcloudMailError {
  return new QcloudMailError({ code: 'CONFIGURATION', message: `Invalid fault: ${message}` });
}

function readCount(value: unknown): FaultCount {
  if (value === undefined || value === null) return 1;
  if (value === 'always') return 'always';
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw invalid('count must be a positive whole number or "always"');
}

function readMs(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DELAY_MS) return value;
  throw invalid(`ms must be a whole number from 0 to ${MAX_DELAY_MS}`);
}

function readReply(spec: Record<string, unknown>): { reply?: string; code?: number } {
  const { reply, code } = spec;
  if (reply !== undefined) {
    // One failure line only: a CR or LF would inject extra replies, and a 2xx would contradict the stored outcome.
    if (typeof reply !== 'string' || reply.length > MAX_REPLY || !/^[45]\d\d [^\r\n]*$/.test(reply)) {
      throw invalid(
        `reply must be one SMTP failure reply line of at most ${MAX_REPLY} characters, such as "421 4.4.5 Too busy. Try again later."`,
      );
    }
    return { reply };
  }
  // Neither given: the service's own 421, the busy reply a client meets most (R21).
  if (code === undefined || code === null) return { code: 421 };
  if (typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599) return { code };
  throw invalid('code must be a whole number from 400 to 599');
}

/** Checks a fault received as JSON (HTTP API) or from code; throws `CONFIGURATION` naming what is wrong. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('expected an object');
  const spec = input as Record<string, unknown>;
  const count = readCount(spec.count);
  switch (spec.type) {
    case 'provider-error': {
      if (typeof spec.code !== 'string' || spec.code.length > MAX_CODE || !/^[A-Za-z][\w.]*$/.test(spec.code)) {
        throw invalid('provider-error needs code, a provider code such as FailedOperation.EmailAddrInBlacklist');
      }
      if (spec.message !== undefined && (typeof spec.message !== 'string' || spec.message.length > MAX_MESSAGE)) {
        throw invalid(`message must be a string of at most ${MAX_MESSAGE} characters`);
      }
      return {
        type: 'provider-error',
        code: spec.code,
        count,
        ...(spec.message === undefined ? {} : { message: spec.message }),
      };
    }
    case 'reply': {
      const stage = spec.stage ?? 'data';
      if (!STAGES.includes(stage as FaultStage)) throw invalid(`stage must be one of ${STAGES.join(', ')}`);
      return { type: 'reply', ...readReply(spec), stage: stage as FaultStage, count };
    }
    case 'delay':
    case 'greeting-delay':
      return { type: spec.type, ms: readMs(spec.ms), count };
    case 'drop-after-data':
    case 'drop-before-data':
    case 'reject-connection':
    case 'close-during-auth':
      return { type: spec.type, count };
    default:
      throw invalid(`type must be one of ${FAULT_TYPES.join(', ')}`);
  }
}
