/**
 * The Lua scripts of the Redis rate-limit store. Each runs atomically inside Redis, so that any number of
 * processes share one sliding-window log per key with the same semantics as core's in-memory store: never more
 * than `limit` grants in ANY interval of `windowMs`, the window being (now - windowMs, now].
 *
 * The clock is Redis's own (`TIME`), never a host's: hosts whose clocks disagree would otherwise each see a
 * different window. Redis 5+ replicates scripts by effects, which is what allows `TIME` before a write.
 */

/**
 * Shared preamble. Times are whole microseconds (exact in a double up to 2^53) and are passed to Redis as
 * strings formatted with %.0f: Lua would otherwise print them with 14 significant digits and round them.
 */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[2]) * 1000
local limit = tonumber(ARGV[1])
local function us(value) return string.format('%.0f', value) end
local function waitms(key, poll)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', us(now - window))
  local count = redis.call('ZCARD', key)
  if count < limit then return 0 end
  -- the grant that must leave the window is the limit-th most recent one
  local blocking = tonumber(redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')[2])
  -- a held grant (in the future) leaves when its send finishes, which no one can foresee: ask again soon
  if poll ~= nil and blocking > now then return poll end
  return math.max(1, math.ceil((blocking + window - now) / 1000))
end
local function record(key, at)
  redis.call('ZADD', key, us(at), ARGV[3])
  local ttl = math.ceil((at - now + window) / 1000)
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
`;

/**
 * Per account (R5). KEYS[1] the log; ARGV: limit, windowMs, member (unique per call), holdMs, pollMs.
 * A held grant (holdMs > 0) is recorded at now + holdMs: it blocks the window as if it happened now until
 * `SETTLE_LUA` moves it to its finishing time, or its hold runs out (a process that died mid-send).
 * Returns { 1, 0, seconds, microseconds } for a grant, { 0, waitMs, seconds, microseconds } for a refusal.
 */
export const ACQUIRE_ACCOUNT_LUA = `${NOW}
local hold = tonumber(ARGV[4]) * 1000
local wait = waitms(KEYS[1], tonumber(ARGV[5]))
if wait > 0 then return { 0, wait, t[1], t[2] } end
record(KEYS[1], now + hold)
return { 1, 0, t[1], t[2] }
`;

/**
 * Per sender and recipient (R6): every recipient of one message checked, then all recorded, or none.
 * KEYS one log per distinct recipient; ARGV: limit, windowMs, member (unique per call).
 */
export const ACQUIRE_RECIPIENTS_LUA = `${NOW}
local wait = 0
for i = 1, #KEYS do wait = math.max(wait, waitms(KEYS[i], nil)) end
if wait > 0 then return { 0, wait, t[1], t[2] } end
for i = 1, #KEYS do record(KEYS[i], now) end
return { 1, 0, t[1], t[2] }
`;

/**
 * Moves finished grants to their finishing time (R5): the service counts a message when it arrives, somewhere
 * between the grant and the reply, so a grant keeps its slot until a window after the reply. A grant already
 * pruned (a send longer than the window) is added back, which errs on the safe side.
 * KEYS the logs; ARGV[1] windowMs, then one member per key.
 */
export const SETTLE_LUA = `
local t = redis.call('TIME')
local now = string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]))
local window = math.ceil(tonumber(ARGV[1]))
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[i + 1])
  if redis.call('PTTL', KEYS[i]) < window then redis.call('PEXPIRE', KEYS[i], window) end
end
return #KEYS
`;

/**
 * Gives back one message's per-recipient slots (R6): removes its member from each log, so that a message that
 * never reached its final dot costs its recipients nothing. KEYS the logs; ARGV[1] the member.
 */
export const RELEASE_LUA = `
local removed = 0
for i = 1, #KEYS do removed = removed + redis.call('ZREM', KEYS[i], ARGV[1]) end
return removed
`;
