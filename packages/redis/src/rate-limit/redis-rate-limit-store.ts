import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { QcloudMailError, type RateLimitDecision, type RateLimitStore } from '@qcloudmail/core';
import { ACCOUNT_WINDOW_MS } from '@qcloudmail/core/internal';
import type { Redis } from 'ioredis';
import { closeConnection, openConnection, type RedisConnectionInput, redisError } from '../connection.js';
import { ACQUIRE_ACCOUNT_LUA, ACQUIRE_RECIPIENTS_LUA, SETTLE_LUA } from './lua-scripts.js';
import { luaScript } from './run-script.js';

/** Options of `createRedisRateLimitStore`. */
export interface RedisRateLimitStoreOptions {
  /** Prefix of every key, to share one Redis between apps or test runs. Default `qcloudmail:rl:`. */
  prefix?: string;
}

/** A decision of the Redis store, with the Redis time (ms since the epoch) at which it was taken. */
export type RedisRateLimitDecision = RateLimitDecision & { at: number };

/** Core's rate-limit store on Redis: R5 and R6 shared by every process using the same Redis and prefix. */
export interface RedisRateLimitStore extends RateLimitStore {
  acquireAccount(appId: string, perSecond: number, windowMs?: number): Promise<RedisRateLimitDecision>;
  acquireRecipients(
    sender: string,
    recipients: readonly string[],
    perHour: number,
    windowMs: number,
  ): Promise<RedisRateLimitDecision>;
  /** The key of the per-account log (R5) of `appId`. */
  accountKey(appId: string): string;
  /** The key of the per-recipient log (R6), case-insensitive like core's `recipientKey`. */
  recipientKey(sender: string, recipient: string): string;
  /**
   * Runs `send` (a `client.send` using this store) and, when it settles, moves its per-account grants (R5) to the
   * finishing time, by Redis's clock: the service counts a message on arrival, after the grant, so a slow send
   * would otherwise let a later one into the same second of the service. With it, `accountWindowMs: 1000` is
   * exact; without it, keep core's default margin (1050).
   */
  track<T>(send: () => Promise<T>): Promise<T>;
  /** Closes the connection if the store opened it (from a URL or options); a given client stays open. */
  close(): Promise<void>;
}

const accountScript = luaScript(ACQUIRE_ACCOUNT_LUA);
const recipientsScript = luaScript(ACQUIRE_RECIPIENTS_LUA);
const settleScript = luaScript(SETTLE_LUA);

interface Grant {
  key: string;
  member: string;
  windowMs: number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new QcloudMailError({ code: 'CONFIGURATION', message: `Invalid ${name}: expected a positive number` });
  }
  return value;
}

function decision(reply: unknown, rule: 'R5' | 'R6'): RedisRateLimitDecision {
  const [granted, wait, seconds, micros] = reply as [number, number, string, string];
  const at = Number(seconds) * 1000 + Number(micros) / 1000;
  return granted === 1 ? { ok: true, at } : { ok: false, retryAfterMs: wait, rule, at };
}

/**
 * Creates core's `RateLimitStore` on Redis: each acquire is one Lua script (one round trip) keeping a
 * sliding-window log in a sorted set, timed by Redis's clock, so that many processes share R5 per appId and R6
 * per sender and recipient. Keys expire one window after their last grant.
 */
export function createRedisRateLimitStore(
  redis: RedisConnectionInput,
  options: RedisRateLimitStoreOptions = {},
): RedisRateLimitStore {
  const connection = openConnection(redis);
  const client: Redis = connection.redis;
  const prefix = options.prefix ?? 'qcloudmail:rl:';
  // The hash tag keeps every key of one sender in one cluster slot, which a multi-key script needs.
  const accountKey = (appId: string): string => `${prefix}r5:{${appId}}`;
  const recipientKey = (sender: string, recipient: string): string =>
    `${prefix}r6:{${sender.toLowerCase()}}:${recipient.toLowerCase()}`;
  // The grants taken inside one `track` call; the context follows the send through core's async calls.
  const tracked = new AsyncLocalStorage<Grant[]>();

  const settle = async (grants: readonly Grant[]): Promise<void> => {
    for (const grant of grants) {
      try {
        await settleScript.run(client, [grant.key], [grant.windowMs, grant.member]);
      } catch {
        // The grant stays at its start time: the limit still holds, with less margin for this one send.
      }
    }
  };

  return {
    accountKey,
    recipientKey,

    async acquireAccount(appId, perSecond, windowMs = ACCOUNT_WINDOW_MS) {
      positive('perSecond', perSecond);
      positive('windowMs', windowMs);
      const member = randomUUID();
      const key = accountKey(appId);
      try {
        const reply = await accountScript.run(client, [key], [perSecond, windowMs, member]);
        const result = decision(reply, 'R5');
        if (result.ok) tracked.getStore()?.push({ key, member, windowMs });
        return result;
      } catch (error) {
        throw redisError('The per-account rate limit (R5)', error);
      }
    },

    async acquireRecipients(sender, recipients, perHour, windowMs) {
      positive('perHour', perHour);
      positive('windowMs', windowMs);
      const keys = [...new Set(recipients.map((recipient) => recipientKey(sender, recipient)))];
      try {
        const reply = await recipientsScript.run(client, keys, [perHour, windowMs, randomUUID()]);
        return decision(reply, 'R6');
      } catch (error) {
        throw redisError('The per-recipient rate limit (R6)', error);
      }
    },

    async track(send) {
      const grants: Grant[] = [];
      try {
        return await tracked.run(grants, send);
      } finally {
        await settle(grants);
      }
    },

    close: () => closeConnection(connection),
  };
}
