/**
 * Copies of each book in the store. A book's count is what is on the shelf
 * (set by operators, starting from the catalog's initial stock); prepared
 * payments hold copies against it per cart UUID, and a paid order takes
 * them off. Holding, releasing and taking run in Lua, each one atomic over
 * every book of the cart, so two carts can never hold the same last copy.
 *
 * A cart's hold record says where its copies are: held, released (the
 * payment was abandoned), committed (paid and taken) or short (paid, but
 * the copies were gone: the order needs review). Once released, committed
 * or short, a cart UUID never holds again, so a late retry cannot resurrect it.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { storeCall } from './store-client';
import { storeKeys, TTL_SECONDS } from './store-keys';
import { storeScript } from './store-scripts';

/** One book of a cart, and the copies the catalog gives a fresh store. */
export type StockLine = { bookId: string; quantity: number; initialStock: number };

/** A book that has fewer copies available than a cart wants. */
export type Shortage = { bookId: string; available: number };

export type HoldResult =
  | { ok: true }
  | { ok: false; reason: 'short'; shortages: Shortage[] }
  | { ok: false; reason: 'released' | 'committed' | 'short_paid' };

export type CommitResult = { ok: true } | { ok: false; shortages: Shortage[] };

export type StockLevel = { bookId: string; onHand: number; held: number; available: number };

// Shared by every script: KEYS[1] is the cart's hold record, then four keys a
// book (count, holds by lapse time, held copies by cart, total held). ARGV[1]
// is the cart, ARGV[2] now, then three arguments a book from ARGV[4].
const PRELUDE = `
local cart, now = ARGV[1], tonumber(ARGV[2])
local books = (#KEYS - 1) / 4
local function key(i, k) return KEYS[1 + (i - 1) * 4 + k] end
local function arg(i, k) return ARGV[3 + (i - 1) * 3 + k] end
local function drop(i, who)
  local q = redis.call('HGET', key(i, 3), who)
  if not q then return 0 end
  redis.call('HDEL', key(i, 3), who)
  redis.call('ZREM', key(i, 2), who)
  redis.call('DECRBY', key(i, 4), q)
  return tonumber(q)
end
local function purge(i)
  for _, who in ipairs(redis.call('ZRANGEBYSCORE', key(i, 2), '-inf', '(' .. now)) do
    if who ~= cart then drop(i, who) end
  end
end
local function onHand(i)
  local n = redis.call('GET', key(i, 1))
  if n then return tonumber(n) end
  redis.call('SET', key(i, 1), arg(i, 3))
  return tonumber(arg(i, 3))
end
-- Copies this cart may have: what is on the shelf less what other carts hold.
local function availableTo(i)
  local own = tonumber(redis.call('HGET', key(i, 3), cart) or '0')
  local total = tonumber(redis.call('GET', key(i, 4)) or '0')
  return onHand(i) - total + own, own
end
local function shortages()
  local short = {}
  for i = 1, books do
    local available = availableTo(i)
    if available < tonumber(arg(i, 2)) then
      table.insert(short, arg(i, 1))
      table.insert(short, tostring(math.max(available, 0)))
    end
  end
  return short
end
`;

// ARGV[3]: when the hold lapses; per book: id, quantity, initial stock.
const HOLD = `${PRELUDE}
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'released' or status == 'committed' then return {status} end
if status == 'short' then return {'short_paid'} end
for i = 1, books do purge(i) end
local short = shortages()
if #short > 0 then return {'short', table.concat(short, ',')} end
for i = 1, books do
  local q = tonumber(arg(i, 2))
  local _, own = availableTo(i)
  if own ~= q then
    redis.call('HSET', key(i, 3), cart, q)
    redis.call('INCRBY', key(i, 4), q - own)
  end
  redis.call('ZADD', key(i, 2), ARGV[3], cart)
end
redis.call('HSET', KEYS[1], 'status', 'held', 'until', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[#ARGV])
return {'held'}`;

// ARGV[3]: the paying order; per book: id, quantity, initial stock.
const COMMIT = `${PRELUDE}
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'committed' then return {'committed'} end
if status == 'short' then return {'short', redis.call('HGET', KEYS[1], 'short')} end
for i = 1, books do purge(i) end
local short = shortages()
if #short > 0 then
  for i = 1, books do drop(i, cart) end
  local listed = table.concat(short, ',')
  redis.call('HSET', KEYS[1], 'status', 'short', 'order', ARGV[3], 'short', listed)
  redis.call('PERSIST', KEYS[1])
  return {'short', listed}
end
for i = 1, books do
  onHand(i)
  drop(i, cart)
  redis.call('DECRBY', key(i, 1), arg(i, 2))
end
redis.call('HSET', KEYS[1], 'status', 'committed', 'order', ARGV[3])
redis.call('PERSIST', KEYS[1])
return {'committed'}`;

const RELEASE = `${PRELUDE}
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'committed' or status == 'short' or status == 'released' then return 0 end
for i = 1, books do drop(i, cart) end
redis.call('HSET', KEYS[1], 'status', 'released')
redis.call('EXPIRE', KEYS[1], ARGV[#ARGV])
return 1`;

function scriptInput(cartId: string, lines: readonly StockLine[], now: number, extra: string) {
  const keys = [storeKeys.stockHold(cartId)];
  const args = [cartId, String(now), extra];
  for (const line of lines) {
    keys.push(
      storeKeys.stock(line.bookId),
      storeKeys.stockHolds(line.bookId),
      storeKeys.stockHeld(line.bookId),
      storeKeys.stockHeldTotal(line.bookId),
    );
    args.push(line.bookId, String(line.quantity), String(line.initialStock));
  }
  args.push(String(TTL_SECONDS.stockHoldRecord));
  return { keys, args };
}

/** The scripts list shortages as "id,available,id,available". */
function parseShortages(reply: readonly unknown[]): Shortage[] {
  const parts = String(reply[1] ?? '').split(',');
  const shortages: Shortage[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    shortages.push({ bookId: parts[i] ?? '', available: Number(parts[i + 1]) });
  }
  return shortages;
}

/**
 * Holds the cart's copies until `until` (ms), or renews its hold. A cart
 * holds once: however often this runs, its copies are counted once.
 */
export async function holdStock(
  store: Redis,
  cartId: string,
  lines: readonly StockLine[],
  { now = Date.now(), until }: { now?: number; until: number },
): Promise<HoldResult> {
  const { keys, args } = scriptInput(cartId, lines, now, String(until));
  const reply = (await storeCall('holdStock', () =>
    storeScript(store, HOLD).exec(keys, args),
  )) as unknown[];
  const status = String(reply[0]);
  if (status === 'held') return { ok: true };
  if (status === 'short') return { ok: false, reason: 'short', shortages: parseShortages(reply) };
  if (status === 'released' || status === 'committed' || status === 'short_paid') {
    return { ok: false, reason: status };
  }
  throw new Error(`holdStock: unexpected reply ${status}`);
}

/** Gives the cart's held copies back (an abandoned payment); false when it was paid or released before. */
export async function releaseStock(
  store: Redis,
  cartId: string,
  lines: readonly StockLine[],
  now = Date.now(),
): Promise<boolean> {
  const { keys, args } = scriptInput(cartId, lines, now, '');
  const released = await storeCall('releaseStock', () =>
    storeScript(store, RELEASE).exec(keys, args),
  );
  return Number(released) === 1;
}

/**
 * Takes a paid order's copies off the shelf, once per cart however often it
 * runs. When its hold had lapsed and the copies went to others, nothing is
 * taken and the shortages are returned (the same ones on every run).
 */
export async function commitStock(
  store: Redis,
  cartId: string,
  orderId: string,
  lines: readonly StockLine[],
  now = Date.now(),
): Promise<CommitResult> {
  const { keys, args } = scriptInput(cartId, lines, now, orderId);
  const reply = (await storeCall('commitStock', () =>
    storeScript(store, COMMIT).exec(keys, args),
  )) as unknown[];
  return reply[0] === 'committed' ? { ok: true } : { ok: false, shortages: parseShortages(reply) };
}

/**
 * What each book has now, in plain reads (no script: pages and carts ask
 * often). Holds that lapsed but were not yet cleared count as available.
 */
export async function readStockLevels(
  store: Redis,
  books: ReadonlyArray<{ id: string; initialStock: number }>,
  now = Date.now(),
): Promise<StockLevel[]> {
  if (books.length === 0) return [];
  const reads = await storeCall('readStockLevels', () => {
    const pipeline = store.pipeline();
    for (const book of books) {
      pipeline.get(storeKeys.stock(book.id));
      pipeline.get(storeKeys.stockHeldTotal(book.id));
      pipeline.zrange(storeKeys.stockHolds(book.id), '-inf', `(${now}`, { byScore: true });
    }
    return pipeline.exec<unknown[]>();
  });
  const lapsedOf = (i: number) => (reads[i * 3 + 2] as unknown[]).map(String);
  const lapsedCounts = await Promise.all(
    books.map((book, i) => {
      const lapsed = lapsedOf(i);
      return lapsed.length === 0
        ? Promise.resolve([] as unknown[])
        : storeCall('readStockLevels', () =>
            store.hmget<Record<string, unknown>>(storeKeys.stockHeld(book.id), ...lapsed),
          ).then((values) => Object.values(values ?? {}));
    }),
  );
  return books.map((book, i) => {
    const stored = reads[i * 3];
    const onHand = stored === null || stored === undefined ? book.initialStock : Number(stored);
    const lapsed = (lapsedCounts[i] ?? []).reduce<number>((sum, q) => sum + Number(q ?? 0), 0);
    const held = Math.max(0, Number(reads[i * 3 + 1] ?? 0) - lapsed);
    return { bookId: book.id, onHand, held, available: Math.max(0, onHand - held) };
  });
}

/** Sets what is on the shelf (an operator's count); copies held stay held. */
export async function setStock(store: Redis, bookId: string, onHand: number): Promise<void> {
  await storeCall('setStock', () => store.set(storeKeys.stock(bookId), String(onHand)));
}
