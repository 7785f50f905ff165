import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run by its SHA1 (one round trip), loaded on first use or after the server forgot it. */
export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown>;
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Wraps `source` for EVALSHA with a fallback to EVAL on `NOSCRIPT` (after a restart or `SCRIPT FLUSH`). Unlike
 * ioredis's `defineCommand`, it adds no method to a connection the caller owns.
 */
export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        // EVAL loads the script into the cache too, so the next call is one EVALSHA again.
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
