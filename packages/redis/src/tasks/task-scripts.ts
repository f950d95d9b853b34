/**
 * The Lua scripts of {@link RedisTaskStore}: each one change of one task, run atomically by Redis.
 *
 * A task is one hash (see task-codec.ts for its fields). Every script gets the task's key as
 * `KEYS[1]`, and as its first three arguments the store's clock (epoch ms, for the TTL check),
 * the channel the change is published on, and the ISO time of the change. A script that changes
 * what a client can see stamps `lastUpdatedAt` and publishes the whole hash after the change
 * (`HGETALL`, as a JSON array of field/value strings), so watchers in every process see every
 * change in the order Redis made them. Field values are JSON written by JavaScript: the scripts
 * move them as opaque strings and never decode them (Lua's cjson would turn `[]` into `{}`).
 */

const PRELUDE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local channel = ARGV[2]
local stamp = ARGV[3]
local function live()
  if redis.call('EXISTS', key) == 0 then return false end
  local expires = redis.call('HGET', key, 'expiresAt')
  if expires and expires ~= '' and now >= tonumber(expires) then
    redis.call('DEL', key)
    return false
  end
  return true
end
local function open()
  if not live() then return false end
  local status = redis.call('HGET', key, 'status')
  return status ~= 'completed' and status ~= 'failed' and status ~= 'cancelled'
end
local function changed()
  redis.call('HSET', key, 'lastUpdatedAt', stamp)
  local all = redis.call('HGETALL', key)
  redis.call('PUBLISH', channel, cjson.encode(all))
  return all
end
`;

/** ARGV[4..]: the initial fields as name/value pairs; ARGV[4 + 2n]: the Redis TTL in ms or ''. */
const CREATE = `
if live() then return redis.error_reply('TERN_TASK_EXISTS') end
local ttl = ARGV[#ARGV]
for i = 4, #ARGV - 1, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
if ttl ~= '' then redis.call('PEXPIRE', key, ttl) end
return redis.call('HGETALL', key)
`;

/** ARGV[4]: the key; ARGV[5]: the input request (JSON). */
const ASK = `
if not open() then return false end
local k = ARGV[4]
if redis.call('HEXISTS', key, 'i:' .. k) == 1 then return redis.error_reply('TERN_KEY_REUSED') end
local seq = redis.call('HINCRBY', key, 'seq', 1)
redis.call('HSET', key, 'i:' .. k, seq, 'q:' .. k, ARGV[5], 'status', 'input_required')
redis.call('HINCRBY', key, 'pending', 1)
return changed()
`;

/** ARGV[4..]: key/answer pairs. Replies {accepted keys, ignored keys}, or nil for no task. */
const DELIVER = `
if not live() then return false end
local accepting = open()
local accepted, ignored = {}, {}
for i = 4, #ARGV, 2 do
  local k = ARGV[i]
  if accepting and redis.call('HEXISTS', key, 'q:' .. k) == 1 then
    redis.call('HDEL', key, 'q:' .. k)
    redis.call('HSET', key, 'a:' .. k, ARGV[i + 1])
    redis.call('HINCRBY', key, 'pending', -1)
    accepted[#accepted + 1] = k
  else
    ignored[#ignored + 1] = k
  end
end
if #accepted > 0 then
  local pending = tonumber(redis.call('HGET', key, 'pending'))
  if pending <= 0 and redis.call('HGET', key, 'status') == 'input_required' then
    redis.call('HSET', key, 'status', 'working')
  end
  changed()
end
return {accepted, ignored}
`;

/** ARGV[4]: the key. Replies {1, answer} or {0}. */
const TAKE = `
if not live() then return {0} end
local value = redis.call('HGET', key, 'a:' .. ARGV[4])
if not value then return {0} end
redis.call('HDEL', key, 'a:' .. ARGV[4])
return {1, value}
`;

/** ARGV[4..]: fields to set as name/value pairs ('progress', 'statusMessage', 'leaseUntil'). */
const TOUCH = `
if not open() then return false end
local visible = false
for i = 4, #ARGV, 2 do
  redis.call('HSET', key, ARGV[i], ARGV[i + 1])
  if ARGV[i] ~= 'leaseUntil' then visible = true end
end
if visible then return changed() end
return redis.call('HGETALL', key)
`;

/**
 * ARGV[4]: the lease bound ('' for none: settle unconditionally; else only when the task's lease
 * ended before it); ARGV[5..]: the outcome's fields as name/value pairs, 'status' first.
 */
const SETTLE = `
if not open() then return false end
local bound = ARGV[4]
if bound ~= '' then
  local lease = redis.call('HGET', key, 'leaseUntil')
  if not lease or tonumber(lease) >= tonumber(bound) then return false end
end
for _, field in ipairs(redis.call('HKEYS', key)) do
  local kind = string.sub(field, 1, 2)
  if kind == 'q:' or kind == 'a:' then redis.call('HDEL', key, field) end
end
redis.call('HDEL', key, 'leaseUntil')
redis.call('HSET', key, 'pending', 0)
for i = 5, #ARGV, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
return changed()
`;

/** The scripts by name, each with the shared prelude. */
export const TASK_SCRIPTS = {
  create: PRELUDE + CREATE,
  ask: PRELUDE + ASK,
  deliver: PRELUDE + DELIVER,
  take: PRELUDE + TAKE,
  touch: PRELUDE + TOUCH,
  settle: PRELUDE + SETTLE,
} as const;

/** A script's name. */
export type TaskScriptName = keyof typeof TASK_SCRIPTS;

/** The error replies the scripts raise on purpose. */
export const SCRIPT_ERRORS = { exists: 'TERN_TASK_EXISTS', keyReused: 'TERN_KEY_REUSED' } as const;
