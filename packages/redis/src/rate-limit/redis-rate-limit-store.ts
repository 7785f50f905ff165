import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { QcloudMailError, type RateLimitDecision, type RateLimitStore } from '@qcloudmail/core';
import { ACCOUNT_WINDOW_MS } from '@qcloudmail/core/internal';
import type { Redis } from 'ioredis';
import { closeConnection, openConnection, type RedisConnectionInput, redisError } from '../connection.js';
import { ACQUIRE_ACCOUNT_LUA, ACQUIRE_RECIPIENTS_LUA, RELEASE_LUA, SETTLE_LUA } from './lua-scripts.js';
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
  acquireAccount(
    appId: string,
    perSecond: number,
    windowMs?: number,
    options?: AccountGrantOptions,
  ): Promise<RedisRateLimitDecision>;
  finishAccount(appId: string, grant: string, windowMs: number): Promise<void>;
  release(sender: string, recipients: readonly string[], grant: string): Promise<void>;
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
   * Runs `send` and, when it settles, moves its per-account grants (R5) to the finishing time, by Redis's clock.
   * Core's client already holds each grant until its reply (`finishAccount`); `track` remains for callers that
   * take grants themselves without holding them.
   */
  track<T>(send: () => Promise<T>): Promise<T>;
  /** Closes the connection if the store opened it (from a URL or options); a given client stays open. */
  close(): Promise<void>;
}

const accountScript = luaScript(ACQUIRE_ACCOUNT_LUA);
const recipientsScript = luaScript(ACQUIRE_RECIPIENTS_LUA);
/** How a per-account grant is taken (core's `AccountGrantOptions`). */
type AccountGrantOptions = NonNullable<Parameters<RateLimitStore['acquireAccount']>[3]>;

/** How soon to ask again when a held grant blocks: a quarter of the spacing between grants at the limit. */
const heldPollMs = (windowMs: number, perSecond: number): number => Math.max(1, Math.ceil(windowMs / perSecond / 4));

const settleScript = luaScript(SETTLE_LUA);
const releaseScript = luaScript(RELEASE_LUA);

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

function decision(reply: unknown, rule: 'R5' | 'R6', grant: string): RedisRateLimitDecision {
  const [granted, wait, seconds, micros] = reply as [number, number, string, string];
  const at = Number(seconds) * 1000 + Number(micros) / 1000;
  return granted === 1 ? { ok: true, grant, at } : { ok: false, retryAfterMs: wait, rule, at };
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

    async acquireAccount(appId, perSecond, windowMs = ACCOUNT_WINDOW_MS, grantOptions = {}) {
      positive('perSecond', perSecond);
      positive('windowMs', windowMs);
      const holdMs = grantOptions.holdMs ?? 0;
      if (!Number.isFinite(holdMs) || holdMs < 0) {
        throw new QcloudMailError({ code: 'CONFIGURATION', message: 'Invalid holdMs: expected 0 or more' });
      }
      const member = randomUUID();
      const key = accountKey(appId);
      try {
        const poll = heldPollMs(windowMs, perSecond);
        const reply = await accountScript.run(client, [key], [perSecond, windowMs, member, Math.ceil(holdMs), poll]);
        const result = decision(reply, 'R5', member);
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
      const member = randomUUID();
      try {
        const reply = await recipientsScript.run(client, keys, [perHour, windowMs, member, 0]);
        return decision(reply, 'R6', member);
      } catch (error) {
        throw redisError('The per-recipient rate limit (R6)', error);
      }
    },

    async finishAccount(appId, grant, windowMs) {
      try {
        await settleScript.run(client, [accountKey(appId)], [windowMs, grant]);
      } catch (error) {
        throw redisError('Finishing a per-account grant (R5)', error);
      }
    },

    async release(sender, recipients, grant) {
      const keys = [...new Set(recipients.map((recipient) => recipientKey(sender, recipient)))];
      try {
        await releaseScript.run(client, keys, [grant]);
      } catch (error) {
        throw redisError('Giving back per-recipient slots (R6)', error);
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
