import { QcloudMailError, type SesEvent } from '@qcloudmail/core';
import { suppressionKey } from '@qcloudmail/core/internal';
import type { Redis } from 'ioredis';
import { redisError } from '../connection.js';
import { luaScript } from '../rate-limit/run-script.js';
import { RECORD_FACT_LUA } from './delivery-scripts.js';
import { DELIVERY_STATES, factOfKind, furthest, isDeliveryState } from './delivery-state.js';
import type {
  DeliveryFact,
  DeliveryRecordResult,
  DeliveryState,
  DeliveryStatus,
  RecipientDelivery,
} from './delivery-types.js';
import type { OutboxEventHub } from './outbox-events.js';
import type { OutboxSendResult } from './outbox-types.js';

/** What the delivery log needs, resolved by `createOutbox`. */
export interface DeliveryLogSettings {
  redis: Redis;
  /** Put before each Message-ID to make its key. */
  keyPrefix: string;
  /** How long a message's record lives after its last fact. */
  ttlMs: number;
  /** The most recipients one record takes (an event for another is ignored). */
  maxRecipients: number;
  events: OutboxEventHub;
}

/** The outbox's record of what happened after each 250 (R15), by Message-ID. */
export interface DeliveryLog {
  recordAccepted(jobId: string, result: OutboxSendResult): Promise<void>;
  recordEvent(event: SesEvent): Promise<DeliveryRecordResult>;
  status(messageId: string): Promise<DeliveryStatus | undefined>;
}

const recordScript = luaScript(RECORD_FACT_LUA);
/** Details longer than this are cut: they are for people reading a status, not for matching. */
const MAX_DETAIL = 1000;

function isMessageId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 3 || value.length > 998) return false;
  if (!value.startsWith('<') || !value.endsWith('>')) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return false;
  }
  return true;
}

function recipientOf(address: string): string | undefined {
  try {
    return suppressionKey(address);
  } catch {
    return undefined;
  }
}

const detail = (value: string | undefined): string =>
  value === undefined || value === '' ? '' : `=${value.slice(0, MAX_DETAIL)}`;

interface StoredFact {
  first: number;
  last: number;
  reason?: string;
  bounceType?: 'hard' | 'soft';
  link?: string;
}

function toFact(raw: string): DeliveryFact | undefined {
  let stored: StoredFact;
  try {
    stored = JSON.parse(raw) as StoredFact;
  } catch {
    return undefined;
  }
  if (typeof stored.first !== 'number' || typeof stored.last !== 'number') return undefined;
  return {
    first: new Date(stored.first),
    last: new Date(stored.last),
    ...(typeof stored.reason === 'string' ? { reason: stored.reason } : {}),
    ...(stored.bounceType === 'hard' || stored.bounceType === 'soft' ? { bounceType: stored.bounceType } : {}),
    ...(typeof stored.link === 'string' ? { link: stored.link } : {}),
  };
}

/** Reads a message's hash into its status: every recipient with each fact and the furthest one. */
export function statusOf(messageId: string, hash: Record<string, string>): DeliveryStatus | undefined {
  const recipients = new Map<string, Partial<Record<DeliveryState, DeliveryFact>>>();
  for (const [field, raw] of Object.entries(hash)) {
    if (!field.startsWith('f ')) continue;
    const space = field.indexOf(' ', 2);
    const fact = field.slice(2, space);
    const address = field.slice(space + 1);
    const parsed = space > 2 && isDeliveryState(fact) ? toFact(raw) : undefined;
    if (parsed === undefined) continue;
    const facts = recipients.get(address) ?? {};
    facts[fact as DeliveryState] = parsed;
    recipients.set(address, facts);
  }
  if (recipients.size === 0) return undefined;
  const list: RecipientDelivery[] = [...recipients]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([address, facts]) => ({
      address,
      state: furthest(Object.keys(facts) as DeliveryState[]) ?? 'accepted',
      facts,
    }));
  return { messageId, ...(hash.job === undefined ? {} : { jobId: hash.job }), recipients: list };
}

/**
 * Creates the delivery log of an outbox. Facts only accumulate: a later event never erases an earlier one, and
 * a repeated one (the provider retries, R26) changes nothing. An event for a Message-ID the outbox did not send
 * is stored too: its events may come before the worker records the 250, and sends made outside the outbox get a
 * status as well; every record expires `ttlMs` after its last fact.
 */
export function createDeliveryLog(settings: DeliveryLogSettings): DeliveryLog {
  const { redis, events } = settings;

  const record = async (
    messageId: string,
    recipient: string,
    fact: DeliveryState,
    at: Date,
    extra: { event?: SesEvent; jobId?: string },
  ): Promise<DeliveryRecordResult> => {
    const event = extra.event;
    const args = [
      settings.ttlMs,
      settings.maxRecipients,
      recipient,
      fact,
      at.getTime(),
      detail(event?.reason),
      detail(event?.bounceType),
      detail(event?.link),
      extra.jobId ?? '',
      ...DELIVERY_STATES,
    ];
    let reply: unknown;
    try {
      reply = await recordScript.run(redis, [`${settings.keyPrefix}${messageId}`], args);
    } catch (error) {
      throw redisError('Recording a delivery fact', error);
    }
    const [changed, ...facts] = reply as [number, ...DeliveryState[]];
    if (changed === -1) return { recorded: false, ignored: 'recipient_cap' };
    const state = furthest(facts) ?? fact;
    if (changed === 1) {
      const previous = furthest(facts.filter((each) => each !== fact));
      events.emit('delivery', {
        messageId,
        recipient,
        fact,
        ...(previous === undefined ? {} : { previous }),
        state,
        at,
        ...(event === undefined ? {} : { event }),
      });
    }
    return { recorded: true, changed: changed === 1, messageId, recipient, state };
  };

  return {
    async recordAccepted(jobId, result) {
      const at = new Date(result.sentAt);
      for (const message of result.messages) {
        if (!isMessageId(message.messageId)) continue;
        for (const address of message.accepted) {
          const recipient = recipientOf(address);
          if (recipient !== undefined) await record(message.messageId, recipient, 'accepted', at, { jobId });
        }
      }
    },
    async recordEvent(event) {
      if (!isMessageId(event.messageId)) return { recorded: false, ignored: 'no_message_id' };
      const fact = factOfKind(event.kind);
      if (fact === undefined) return { recorded: false, ignored: 'unknown_event' };
      const recipient = recipientOf(event.recipient);
      const valid =
        recipient !== undefined && event.timestamp instanceof Date && Number.isFinite(event.timestamp.getTime());
      if (!valid) return { recorded: false, ignored: 'invalid_event' };
      return record(event.messageId, recipient, fact, event.timestamp, { event });
    },
    async status(messageId) {
      if (!isMessageId(messageId)) {
        throw new QcloudMailError({
          code: 'VALIDATION',
          message: "Invalid messageId: expected core's form <id@domain>, as send returns it (R27)",
        });
      }
      let hash: Record<string, string>;
      try {
        hash = await redis.hgetall(`${settings.keyPrefix}${messageId}`);
      } catch (error) {
        throw redisError('Reading a delivery status', error);
      }
      return statusOf(messageId, hash);
    },
  };
}
