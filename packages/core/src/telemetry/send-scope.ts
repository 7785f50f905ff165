import { AsyncLocalStorage } from 'node:async_hooks';
import type { Attributes, Span } from '@opentelemetry/api';
import type { MailInstruments } from './instruments.js';
import { MAIL_ATTRIBUTES as A } from './telemetry-names.js';

/** Where an attempt waited: for its connection slot (and grant), or with its last bytes for the grant (data-end). */
export type RateLimitStage = 'slot' | 'data-end';

/** What the telemetry of one running send keeps: its span, its instruments and what it counted so far. */
export interface SendRecord {
  /** The client's event hub: a client's listeners and waits act on its own sends only, never on a nested one's. */
  owner: object;
  span: Span;
  instruments: MailInstruments;
  /** The attributes every metric of this client carries (the server). */
  metricAttributes: Attributes;
  recordRecipients: boolean;
  /** Milliseconds waited by every attempt, at every stage. */
  waitedMs: number;
  /** The last slot wait, reported with the attempt that follows it. */
  slotWaitMs: number;
  /** Messages of this send reported failed by the client's `failed` event. */
  failedMessages: number;
}

// The client's events are emitted synchronously from inside the send's own async calls, so the store found there
// is the send's: no global context manager needed, and two sends sharing a Message-ID are never confused.
const scope = new AsyncLocalStorage<SendRecord>();

/** Runs `run` with `record` as the current send, through every await of it. */
export function runInSendScope<T>(record: SendRecord, run: () => T): T {
  return scope.run(record, run);
}

/** The send running here, if it is one of `owner`'s. */
export function currentSend(owner: object): SendRecord | undefined {
  const record = scope.getStore();
  return record?.owner === owner ? record : undefined;
}

/**
 * Told by the client of each wait of an attempt (`acquire-slot.ts`): adds it to the send's span and records it in
 * the `qcloudmail.rate_limit.wait.duration` histogram. Does nothing outside a traced send of `owner`.
 */
export function noteRateLimitWait(owner: object, stage: RateLimitStage, waitedMs: number): void {
  const record = currentSend(owner);
  if (record === undefined) return;
  record.waitedMs += waitedMs;
  if (stage === 'slot') record.slotWaitMs = waitedMs;
  record.instruments.rateLimitWait.record(waitedMs / 1000, {
    ...record.metricAttributes,
    [A.rateLimitStage]: stage === 'slot' ? 'slot' : 'data_end',
  });
}
