/**
 * The Lua scripts behind every change to an order. Each change, the timeline
 * event that records it, the job it starts and the order's place in the
 * indexes are one script, so the indexes can never disagree with the orders
 * and no change is half made.
 */
import 'server-only';
import { ENQUEUE_LUA } from '../jobs/job-store';
import { storeKeys } from './store-keys';

/** A Lua expression for `key(id)`, so the scripts and `storeKeys` name keys one way. */
function luaKey(key: (id: string) => string, variable: string): string {
  const [before, after] = key('\u0000').split('\u0000');
  return `'${before}' .. ${variable} .. '${after}'`;
}

/**
 * An order's status follows from its payment, its refunds and its shipment:
 * a paid order is refunded once refunds hold its total, partially refunded
 * while they hold some of it, shipped once shipped, else paid.
 */
const ORDER_LUA = `${ENQUEUE_LUA}
local function state_key(id) return ${luaKey(storeKeys.orderState, 'id')} end
local function events_key(id) return ${luaKey(storeKeys.orderEvents, 'id')} end
local function refunds_key(id) return ${luaKey(storeKeys.orderRefunds, 'id')} end
local function status_index(s) return ${luaKey(storeKeys.ordersByStatus, 's')} end
local function email_index(e) return ${luaKey(storeKeys.ordersByEmail, 'e')} end

local function reindex(id)
  local sk = state_key(id)
  local v = redis.call('HMGET', sk, 'payment', 'total', 'refunded', 'shipped', 'status', 'score')
  local status = v[1]
  if status == 'paid' then
    local refunded = tonumber(v[3] or '0')
    if refunded >= tonumber(v[2]) then status = 'refunded'
    elseif refunded > 0 then status = 'partially_refunded'
    elseif v[4] then status = 'shipped' end
  elseif status == 'needs_review' and tonumber(v[3] or '0') >= tonumber(v[2]) then
    -- Held for review and given back in full: nothing is left to decide.
    status = 'refunded'
  end
  if v[5] ~= status then
    if v[5] then redis.call('ZREM', status_index(v[5]), id) end
    redis.call('ZADD', status_index(status), v[6], id)
    redis.call('HSET', sk, 'status', status)
  end
  -- What is left to ship: paid, not shipped, not refunded in full (partly refunded ones too).
  if v[1] == 'paid' and not v[4] and status ~= 'refunded' then
    redis.call('ZADD', '${storeKeys.ordersToShip}', v[6], id)
  else
    redis.call('ZREM', '${storeKeys.ordersToShip}', id)
  end
  return status
end
`;

/** ARGV: id, snapshot JSON, total, createdAt (ms). */
export const CREATE_ORDER = `${ORDER_LUA}
local id = ARGV[1]
if not redis.call('SET', ${luaKey(storeKeys.order, 'id')}, ARGV[2], 'NX') then return 0 end
local seq = redis.call('INCR', '${storeKeys.ordersSeq}') % 1000
local score = ARGV[4] .. string.format('%03d', seq)
redis.call('HSET', state_key(id), 'payment', 'pending', 'total', ARGV[3], 'refunded', '0',
  'score', score)
redis.call('ZADD', '${storeKeys.ordersAll}', score, id)
reindex(id)
return 1`;

/** ARGV: id, to, event JSON, email ('' for none), then a job's 5 arguments when KEYS has its 2 keys. */
export const SETTLE_PAYMENT = `${ORDER_LUA}
local id = ARGV[1]
local sk = state_key(id)
local payment = redis.call('HGET', sk, 'payment')
if not payment then return 'not_found' end
if payment == ARGV[2] then return 'unchanged' end
if payment ~= 'pending' then return 'illegal' end
redis.call('HSET', sk, 'payment', ARGV[2])
redis.call('RPUSH', events_key(id), ARGV[3])
if ARGV[4] ~= '' then
  redis.call('HSET', sk, 'email', ARGV[4])
  redis.call('ZADD', email_index(ARGV[4]), redis.call('HGET', sk, 'score'), id)
end
if #KEYS == 2 then enqueue(KEYS[1], KEYS[2], 5) end
reindex(id)
return 'changed'`;

/** ARGV: id, event JSON, then the notice job's 5 arguments (KEYS: its 2 keys). */
export const SHIP_ORDER = `${ORDER_LUA}
local id = ARGV[1]
local sk = state_key(id)
local v = redis.call('HMGET', sk, 'payment', 'shipped', 'status')
if not v[1] then return 'not_found' end
if v[2] then return 'already_shipped' end
if v[1] ~= 'paid' then return 'not_paid' end
if v[3] == 'refunded' then return 'refunded' end
redis.call('HSET', sk, 'shipped', '1')
redis.call('RPUSH', events_key(id), ARGV[2])
enqueue(KEYS[1], KEYS[2], 3)
reindex(id)
return 'changed'`;

/**
 * ARGV: id, refund id, status, the amount it holds now (0 once failed),
 * event JSON, then a job's 5 arguments when KEYS has its 2 keys. A report
 * not further along than the recorded one (an event that arrived late) is ignored.
 */
export const RECORD_REFUND = `${ORDER_LUA}
local RANK = { pending = 1, requires_action = 1, succeeded = 2, failed = 3, canceled = 3 }
local id = ARGV[1]
local sk = state_key(id)
if redis.call('EXISTS', sk) == 0 then return 'not_found' end
local rk = refunds_key(id)
local old = redis.call('HGET', rk, 's:' .. ARGV[2])
if old and RANK[old] >= RANK[ARGV[3]] then return 'unchanged' end
local held = tonumber(redis.call('HGET', rk, 'c:' .. ARGV[2]) or '0')
redis.call('HSET', rk, 's:' .. ARGV[2], ARGV[3], 'c:' .. ARGV[2], ARGV[4])
redis.call('HINCRBY', sk, 'refunded', tonumber(ARGV[4]) - held)
redis.call('RPUSH', events_key(id), ARGV[5])
if #KEYS == 2 then enqueue(KEYS[1], KEYS[2], 6) end
reindex(id)
return 'changed'`;

/** ARGV: id, event JSON. Only for an order that exists. */
export const APPEND_EVENT = `${ORDER_LUA}
if redis.call('EXISTS', state_key(ARGV[1])) == 0 then return 0 end
redis.call('RPUSH', events_key(ARGV[1]), ARGV[2])
return 1`;

/**
 * ARGV: id, payment, total, createdAt, email ('' for none), then the events
 * (JSON, oldest first). Builds the state and index entries of an order written
 * before the timeline existed; does nothing if its state exists already.
 */
export const ADOPT_LEGACY_ORDER = `${ORDER_LUA}
local id = ARGV[1]
local sk = state_key(id)
if redis.call('EXISTS', sk) == 1 then return 0 end
if redis.call('EXISTS', ${luaKey(storeKeys.order, 'id')}) == 0 then return 0 end
local seq = redis.call('INCR', '${storeKeys.ordersSeq}') % 1000
local score = ARGV[4] .. string.format('%03d', seq)
redis.call('HSET', sk, 'payment', ARGV[2], 'total', ARGV[3], 'refunded', '0', 'score', score)
redis.call('ZADD', '${storeKeys.ordersAll}', score, id)
if ARGV[5] ~= '' then
  redis.call('HSET', sk, 'email', ARGV[5])
  redis.call('ZADD', email_index(ARGV[5]), score, id)
end
for i = 6, #ARGV do redis.call('RPUSH', events_key(id), ARGV[i]) end
reindex(id)
return 1`;
