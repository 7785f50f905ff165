import { QcloudMailError } from '@qcloudmail/core';

/** How long the emulator holds its replies, as a distant service would (a network round trip, its processing). */
export interface EmulatorLatency {
  /** Held before every reply of a session: the greeting, EHLO, AUTH, MAIL, RCPT, DATA's 354, RSET, QUIT... */
  perReplyMs: number;
  /**
   * Held, instead of `perReplyMs`, between the end of DATA and its reply: a round trip plus the provider's own
   * processing behind the SMTP front. Defaults to `perReplyMs`.
   */
  endOfDataMs: number;
}

/** A latency as given: milliseconds for every reply, or the two figures (`endOfDataMs` defaults to `perReplyMs`). */
export type EmulatorLatencyInput = number | { perReplyMs: number; endOfDataMs?: number };

/** No latency: every reply as soon as it is ready. */
export const NO_LATENCY: EmulatorLatency = { perReplyMs: 0, endOfDataMs: 0 };

/**
 * The longest latency accepted: below smtp-server's idle timeout (60 s), so a held reply never outlives the
 * session that waits for it.
 */
export const MAX_LATENCY_MS = 30_000;
const KEYS = new Set(['ms', 'perReplyMs', 'endOfDataMs']);

function invalid(message: string): QcloudMailError {
  return new QcloudMailError({ code: 'CONFIGURATION', message: `Invalid latency: ${message}` });
}

function readMs(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LATENCY_MS) return value;
  throw invalid(`${name} must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
}

/**
 * Checks a latency from code (`300`, `{ perReplyMs: 300, endOfDataMs: 800 }`) or JSON (the same, or
 * `{ "ms": 300 }`); throws `CONFIGURATION` naming the field.
 */
export function parseLatency(input: unknown): EmulatorLatency {
  if (typeof input === 'number') {
    const ms = readMs('latencyMs', input);
    return { perReplyMs: ms, endOfDataMs: ms };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('expected milliseconds or an object { perReplyMs, endOfDataMs? }');
  }
  const fields = input as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!KEYS.has(key)) throw invalid(`unknown field "${key.slice(0, 40)}"; use perReplyMs and endOfDataMs, or ms`);
  }
  if (fields.ms !== undefined) {
    if (fields.perReplyMs !== undefined || fields.endOfDataMs !== undefined) {
      throw invalid('give either ms or perReplyMs/endOfDataMs, not both');
    }
    return parseLatency(readMs('ms', fields.ms));
  }
  const perReplyMs = readMs('perReplyMs', fields.perReplyMs);
  const endOfDataMs = fields.endOfDataMs === undefined ? perReplyMs : readMs('endOfDataMs', fields.endOfDataMs);
  return { perReplyMs, endOfDataMs };
}

/** The latency of a running emulator, changed at run time by tests and the HTTP API. */
export interface LatencyControl {
  get(): EmulatorLatency;
  /** Checks and applies a new latency to the replies that are not yet held; returns it. */
  set(input: unknown): EmulatorLatency;
}

/** Creates the control, starting from `initial` (already checked). */
export function createLatencyControl(initial: EmulatorLatency = NO_LATENCY): LatencyControl {
  let current = { ...initial };
  return {
    get: () => ({ ...current }),
    set(input) {
      current = parseLatency(input);
      return { ...current };
    },
  };
}
