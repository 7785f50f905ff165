import type { Clock } from '../rate-limit/clock.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { EventHub } from './event-hub.js';
import type { AttemptSample } from './pool-sizer.js';
import type { PoolTransport } from './pool-transport.js';
import type { ResolvedClientOptions } from './resolve-options.js';
import type { SlotGate } from './slot-gate.js';
import type { MailClientEvents, MailLogRecord } from './types.js';

/** A message built by the MIME builder (or checked raw), ready for the wire. */
export interface BuiltMessage {
  raw: Buffer | string;
  messageId: string;
  envelope: { from: string; to: string[] };
  size: number;
}

/** One `send` call's shared state: its signal (the caller's, the total timeout's and the client's) and clock. */
export interface SendContext {
  /** Aborts on the caller's signal, the total timeout or a forced close; its reason is the error to report. */
  signal: AbortSignal;
  userSignal: AbortSignal | undefined;
  deadline: number;
  startedAt: number;
  buildMs: number;
}

/** Counters the sender keeps. */
export interface SenderCounters {
  sent: number;
  failed: number;
  retried: number;
  inFlight: number;
  queued: number;
}

/** What each step of the send pipeline needs from its client. */
export interface SenderDeps {
  options: ResolvedClientOptions;
  transport: PoolTransport;
  gate: SlotGate;
  limiter: RateLimiter | undefined;
  clock: Clock;
  events: EventHub<MailClientEvents>;
  counters: SenderCounters;
  log: (record: MailLogRecord) => void;
  random?: () => number;
  /** Told of every attempt the service answered, to size the gate from the latency (`pool-sizer.ts`). */
  recordAttempt?: (sample: AttemptSample) => void;
}
