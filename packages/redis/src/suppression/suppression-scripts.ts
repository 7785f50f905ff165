// The suppression list's writes, each one script so that the merge rule (never weaken an entry) is atomic across
// processes. Times are milliseconds from the list's clock (ARGV[1]); an entry's hash holds reason, since and, when
// present, expiresAt, messageId and detail.

/** KEYS[1] entry; ARGV now, reason, expiresAt ('' for good), messageId and detail ('' absent, else '=' value). */
export const ADD_LUA = `
local now = tonumber(ARGV[1])
local expires = ARGV[3]
if expires ~= '' and tonumber(expires) <= now then return 0 end
local current = redis.call('HMGET', KEYS[1], 'reason', 'expiresAt')
if current[1] then
  local until_ = current[2]
  if not until_ then return 0 end
  if tonumber(until_) > now and expires ~= '' and tonumber(expires) <= tonumber(until_) then return 0 end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'reason', ARGV[2], 'since', ARGV[1])
if expires ~= '' then
  redis.call('HSET', KEYS[1], 'expiresAt', expires)
  redis.call('PEXPIREAT', KEYS[1], expires)
end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'messageId', string.sub(ARGV[4], 2)) end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'detail', string.sub(ARGV[5], 2)) end
return 1
`;

/** KEYS[1] entry; ARGV now. Deletes it; 1 when it was suppressed at `now`. */
export const REMOVE_LUA = `
local current = redis.call('HMGET', KEYS[1], 'reason', 'expiresAt')
redis.call('DEL', KEYS[1])
if not current[1] then return 0 end
if current[2] and tonumber(current[2]) <= tonumber(ARGV[1]) then return 0 end
return 1
`;
