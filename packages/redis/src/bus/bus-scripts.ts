import { LuaScript } from '../script.js';

// Stream ids are "ms-seq"; Lua compares them as two numbers.
const COMPARE = `
local function cmp(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  if am == nil or bm == nil then return nil end
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if am ~= bm then return am < bm and -1 or 1 end
  if as ~= bs then return as < bs and -1 or 1 end
  return 0
end
`;

/**
 * Appends an event, trims the stream to the window (by age, then by count), remembers the highest
 * id it trimmed, and publishes "epoch, previous id, id, event" (newline-separated) on the channel,
 * all at once. The previous id lets a subscriber see that it missed a message.
 * KEYS: stream, meta. ARGV: event JSON, max events, retention ms, epoch candidate, channel.
 * Returns { epoch, id }.
 */
export const PUBLISH = new LuaScript(`
redis.call('HSETNX', KEYS[2], 'epoch', ARGV[4])
local previous = redis.call('HGET', KEYS[2], 'last') or '0-0'
local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1])
local t = redis.call('TIME')
local oldest = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[3])) .. '-0'
local trimmed = false
local old = redis.call('XREVRANGE', KEYS[1], '(' .. oldest, '-', 'COUNT', 1)
if #old > 0 then
  trimmed = old[1][1]
  redis.call('XTRIM', KEYS[1], 'MINID', oldest)
end
local len = redis.call('XLEN', KEYS[1])
local max = tonumber(ARGV[2])
if len > max then
  local cut = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', len - max)
  trimmed = cut[#cut][1]
  redis.call('XTRIM', KEYS[1], 'MAXLEN', max)
end
if trimmed then redis.call('HSET', KEYS[2], 'trimmed', trimmed) end
redis.call('HSET', KEYS[2], 'last', id)
local epoch = redis.call('HGET', KEYS[2], 'epoch')
redis.call('PUBLISH', ARGV[5], epoch .. '\\n' .. previous .. '\\n' .. id .. '\\n' .. ARGV[1])
return { epoch, id }
`);

/**
 * Where the stream stands, and what follows a position. KEYS: stream, meta. ARGV: epoch candidate,
 * after id ('' for none), max entries.
 * Returns { epoch, last, status, entries }: status 'live' (no after), 'ok', or 'gone' (the
 * position is before what was trimmed, or after the last id: events after it may be lost).
 */
export const READ = new LuaScript(`${COMPARE}
redis.call('HSETNX', KEYS[2], 'epoch', ARGV[1])
local meta = redis.call('HMGET', KEYS[2], 'epoch', 'trimmed', 'last')
local last = meta[3] or '0-0'
if ARGV[2] == '' then return { meta[1], last, 'live', {} } end
local after = ARGV[2]
local floor = cmp(after, meta[2] or '0-0')
local ceiling = cmp(after, last)
if floor == nil or floor < 0 or ceiling > 0 then return { meta[1], last, 'gone', {} } end
return { meta[1], last, 'ok', redis.call('XRANGE', KEYS[1], '(' .. after, '+', 'COUNT', ARGV[3]) }
`);
