import { QcloudMailError, type SuppressionEntry, type SuppressionList, type SuppressionReason } from '@qcloudmail/core';
import { checkSuppressionInput, listLimit, suppressionKey } from '@qcloudmail/core/internal';
import {
  closeConnection,
  defaultRedisUrl,
  openConnection,
  type RedisConnectionInput,
  redisError,
} from '../connection.js';
import { luaScript } from '../rate-limit/run-script.js';
import { ADD_LUA, REMOVE_LUA } from './suppression-scripts.js';

/** Options of `createRedisSuppressionList`. */
export interface RedisSuppressionListOptions {
  /** Redis: an ioredis client (never closed by the list), a URL or ioredis options. Default `REDIS_URL` or 127.0.0.1:6379. */
  redis?: RedisConnectionInput;
  /** Prefix of every key (one hash per address). Default `qcloudmail:suppression:`. */
  prefix?: string;
  /** The time source, in milliseconds since the epoch; for tests. Every process sharing the list should agree on it. */
  clock?: { now(): number };
}

/** Core's `SuppressionList` on Redis (R30), shared by every process using the same Redis and prefix. */
export interface RedisSuppressionList extends SuppressionList {
  list(options?: { limit?: number }): Promise<SuppressionEntry[]>;
  /** The key of an address's entry. */
  key(address: string): string;
  /** Closes the connection if the list opened it (from a URL or options); a given client stays open. */
  close(): Promise<void>;
}

const addScript = luaScript(ADD_LUA);
const removeScript = luaScript(REMOVE_LUA);
const REASONS = new Set(['hard_bounce', 'soft_bounce', 'spamreport', 'unsubscribe', 'dropped', 'manual']);

// Read back with care: a hash written by anything else is no entry rather than a crash.
function toEntry(address: string, hash: Record<string, string>, now: number): SuppressionEntry | undefined {
  const { reason, since, expiresAt, messageId, detail } = hash;
  if (reason === undefined || !REASONS.has(reason) || since === undefined) return undefined;
  const expiresAtMs = expiresAt === undefined ? undefined : Number(expiresAt);
  if (expiresAtMs !== undefined && !(expiresAtMs > now)) return undefined;
  return {
    address,
    reason: reason as SuppressionReason,
    since: new Date(Number(since)),
    ...(expiresAtMs === undefined ? {} : { expiresAt: new Date(expiresAtMs) }),
    ...(messageId === undefined ? {} : { messageId }),
    ...(detail === undefined ? {} : { detail }),
  };
}

// SCAN's MATCH is a glob: the prefix is matched literally.
function globLiteral(text: string): string {
  let out = '';
  for (const char of text) out += '*?[]\\'.includes(char) ? `\\${char}` : char;
  return out;
}

function isStoredForm(address: string): boolean {
  try {
    return suppressionKey(address) === address;
  } catch {
    return false;
  }
}

const present = (value: string | undefined): string => (value === undefined ? '' : `=${value}`);

/**
 * Creates the suppression list on Redis (R30), with the memory list's semantics (the shared conformance suite
 * runs both): one hash per address; each write is one script, so `add` never weakens an entry even when
 * processes race; a soft bounce's key expires with it in Redis, and reads compare with the clock as well.
 */
export function createRedisSuppressionList(options: RedisSuppressionListOptions = {}): RedisSuppressionList {
  const connection = openConnection(options.redis ?? defaultRedisUrl());
  const { redis } = connection;
  const prefix = options.prefix ?? 'qcloudmail:suppression:';
  if (typeof prefix !== 'string' || prefix.length > 200) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'Invalid option prefix: expected at most 200 characters',
    });
  }
  const now = (): number => (options.clock ?? Date).now();
  const key = (address: string): string => `${prefix}${suppressionKey(address)}`;

  // `keys` are addresses in the list's form (suppressionKey), without the prefix.
  const read = async (keys: readonly string[]): Promise<Array<SuppressionEntry | undefined>> => {
    if (keys.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const each of keys) pipeline.hgetall(`${prefix}${each}`);
    let replies: Array<[Error | null, unknown]> | null;
    try {
      replies = await pipeline.exec();
    } catch (error) {
      throw redisError('Reading the suppression list', error);
    }
    const time = now();
    return keys.map((address, index) => {
      const [error, hash] = replies?.[index] ?? [new Error('no reply'), undefined];
      if (error !== null) throw redisError('Reading the suppression list', error);
      return toEntry(address, hash as Record<string, string>, time);
    });
  };

  return {
    key,
    async add(input) {
      const entry = checkSuppressionInput(input);
      const args = [
        now(),
        entry.reason,
        entry.expiresAtMs === undefined ? '' : entry.expiresAtMs,
        present(entry.messageId),
        present(entry.detail),
      ];
      try {
        await addScript.run(redis, [`${prefix}${entry.address}`], args);
      } catch (error) {
        throw redisError('Adding to the suppression list', error);
      }
    },
    async remove(address) {
      const entryKey = key(address);
      try {
        return (await removeScript.run(redis, [entryKey], [now()])) === 1;
      } catch (error) {
        throw redisError('Removing from the suppression list', error);
      }
    },
    async get(address) {
      return (await read([suppressionKey(address)]))[0];
    },
    async check(addresses) {
      const found = new Map<string, SuppressionEntry>();
      const entries = await read(addresses.map((address) => suppressionKey(address)));
      addresses.forEach((address, index) => {
        const entry = entries[index];
        if (entry !== undefined) found.set(address, entry);
      });
      return found;
    },
    async list(listOptions) {
      const limit = listLimit(listOptions);
      const out: SuppressionEntry[] = [];
      let cursor = '0';
      // Scanned keys may hold entries already expired by the clock: read each batch, keep scanning until enough.
      do {
        let keys: string[];
        try {
          [cursor, keys] = await redis.scan(cursor, 'MATCH', `${globLiteral(prefix)}*`, 'COUNT', 500);
        } catch (error) {
          throw redisError('Listing the suppression list', error);
        }
        // Only the list's own keys: an address in its stored form.
        const addresses = keys.map((each) => each.slice(prefix.length)).filter(isStoredForm);
        for (const entry of await read(addresses)) {
          if (entry !== undefined && out.length < limit) out.push(entry);
        }
      } while (cursor !== '0' && out.length < limit);
      return out;
    },
    close: () => closeConnection(connection),
  };
}
