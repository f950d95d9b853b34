/**
 * The Lua scripts of the Redis session backplane. Each runs atomically in Redis, so the caps hold
 * however many instances open sessions at once, and Redis's own clock (`TIME`) dates every record,
 * so the instances' clocks do not matter.
 *
 * Keys: a hash per session (`r` the record, `st` the state as JSON, `i` initialized 0/1, `o` opened
 * at, `c` the client key), a sorted set of every session by the time its record expires, and one
 * per client. The sets are pruned by that time, so an expired record never counts against a cap.
 */

/** Shared parts: the clock, ending one session (deleted, unindexed, announced). */
const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function finish(sessionPrefix, allKey, clientPrefix, channel, id)
  local client = redis.call('HGET', sessionPrefix .. id, 'c')
  local existed = redis.call('DEL', sessionPrefix .. id)
  redis.call('ZREM', allKey, id)
  if client and client ~= '' then redis.call('ZREM', clientPrefix .. client, id) end
  redis.call('PUBLISH', channel, cjson.encode({ t = 'ended', id = id }))
  return existed
end
`;

/**
 * Opens a session under the caps. KEYS: all, this client's set, the session. ARGV: id, ttl,
 * maxSessions, maxPerClient, record, state, openedAt, client ('' for none), session prefix, client
 * prefix, events channel. Returns 'ok', 'client' or 'server'.
 */
export const OPEN_SCRIPT = `${PRELUDE}
local allKey, clientKey, sessionKey = KEYS[1], KEYS[2], KEYS[3]
local id, ttl = ARGV[1], tonumber(ARGV[2])
local maxAll, maxClient = tonumber(ARGV[3]), tonumber(ARGV[4])
local client, sessionPrefix, clientPrefix, channel = ARGV[8], ARGV[9], ARGV[10], ARGV[11]
-- Ends the oldest session in set 'key' that never sent notifications/initialized, if one does.
local function evictUnconfirmed(key)
  local oldest, oldestAt
  for _, other in ipairs(redis.call('ZRANGE', key, 0, 63)) do
    local fields = redis.call('HMGET', sessionPrefix .. other, 'i', 'o')
    if fields[1] == '0' and (oldest == nil or tonumber(fields[2]) < oldestAt) then
      oldest, oldestAt = other, tonumber(fields[2])
    end
  end
  if oldest == nil then return false end
  finish(sessionPrefix, allKey, clientPrefix, channel, oldest)
  return true
end
redis.call('ZREMRANGEBYSCORE', allKey, '-inf', now)
if client ~= '' then
  redis.call('ZREMRANGEBYSCORE', clientKey, '-inf', now)
  if redis.call('ZCARD', clientKey) >= maxClient and not evictUnconfirmed(clientKey) then return 'client' end
end
if redis.call('ZCARD', allKey) >= maxAll and not evictUnconfirmed(allKey) then return 'server' end
redis.call('HSET', sessionKey, 'r', ARGV[5], 'st', ARGV[6], 'i', '0', 'o', ARGV[7], 'c', client)
redis.call('PEXPIRE', sessionKey, ttl)
redis.call('ZADD', allKey, now + ttl, id)
if client ~= '' then
  redis.call('ZADD', clientKey, now + ttl, id)
  redis.call('PEXPIRE', clientKey, ttl)
end
return 'ok'
`;

/**
 * Reads a live session and restarts its idle time. KEYS: the session, all. ARGV: id, ttl, client
 * prefix. Returns { record, state } or nil.
 */
export const TOUCH_SCRIPT = `${PRELUDE}
local fields = redis.call('HMGET', KEYS[1], 'r', 'st', 'c')
if not fields[1] then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return false
end
local ttl = tonumber(ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], now + ttl, ARGV[1])
if fields[3] and fields[3] ~= '' then
  redis.call('ZADD', ARGV[3] .. fields[3], now + ttl, ARGV[1])
  redis.call('PEXPIRE', ARGV[3] .. fields[3], ttl)
end
return { fields[1], fields[2] }
`;

/**
 * Stores a live session's new state and announces it. KEYS: the session. ARGV: state, initialized
 * (0/1), events channel, the announcement. Returns 1, or 0 for a session that is gone.
 */
export const UPDATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'st', ARGV[1], 'i', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

/**
 * Ends a session everywhere. KEYS: all. ARGV: id, session prefix, client prefix, events channel.
 * Returns 1 when it was stored.
 */
export const END_SCRIPT = `${PRELUDE}
return finish(ARGV[2], KEYS[1], ARGV[3], ARGV[4], ARGV[1])
`;
