// A delivery fact written in one script, so that concurrent callbacks and the worker's 250 merge without losing
// anything. A message is one hash: `job`, `n` (its recipients), `r <address>` per recipient, and `f <fact>
// <address>` holding the fact as JSON: first and last time, and each detail with the time it was reported.

/**
 * KEYS[1] the message; ARGV ttlMs, maxRecipients, address, fact, time, reason, bounceType, link ('' absent, else
 * '=' value), jobId ('' none), then every fact name. Returns {-1} past the recipient cap, else {changed (1 when the
 * recipient gains the fact), the recipient's facts...}.
 */
export const RECORD_FACT_LUA = `
local key = KEYS[1]
local address = ARGV[3]
local marker = 'r ' .. address
if redis.call('HEXISTS', key, marker) == 0 then
  local n = tonumber(redis.call('HGET', key, 'n') or '0')
  if n >= tonumber(ARGV[2]) then return {-1} end
  redis.call('HSET', key, marker, '1', 'n', tostring(n + 1))
end
local field = 'f ' .. ARGV[4] .. ' ' .. address
local time = tonumber(ARGV[5])
local raw = redis.call('HGET', key, field)
local changed = 0
local fact
if raw then
  fact = cjson.decode(raw)
else
  fact = { first = time, last = time }
  changed = 1
end
if time < fact.first then fact.first = time end
if time > fact.last then fact.last = time end
local names = { 'reason', 'bounceType', 'link' }
for i = 1, 3 do
  local value = ARGV[5 + i]
  local at = fact[names[i] .. 'At']
  if value ~= '' and (at == nil or time > at) then
    fact[names[i]] = string.sub(value, 2)
    fact[names[i] .. 'At'] = time
  end
end
redis.call('HSET', key, field, cjson.encode(fact))
if ARGV[9] ~= '' then redis.call('HSET', key, 'job', ARGV[9]) end
redis.call('PEXPIRE', key, ARGV[1])
local present = { changed }
for i = 10, #ARGV do
  if redis.call('HEXISTS', key, 'f ' .. ARGV[i] .. ' ' .. address) == 1 then table.insert(present, ARGV[i]) end
end
return present
`;
