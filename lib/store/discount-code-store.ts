/**
 * Discount codes in the store: definitions, and how many uses each has
 * left. A use is reserved when a payment is prepared with the code, and
 * committed when the order is paid, in Lua, so a code limited to N uses is
 * never held by more than N carts at once, however many race for the last.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { discountCodeSchema, type CodeUsage, type DiscountCode } from '../pricing/discount-codes';
import { storeCall } from './store-client';
import { storeKeys } from './store-keys';
import { storeScript } from './store-scripts';

/** How long a prepared payment holds its use of a code; each checkout visit renews it. */
export const CODE_RESERVATION_MS = 60 * 60 * 1000;

const RESERVE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  return 1
end
if ARGV[4] ~= '' then
  local used = redis.call('ZCARD', KEYS[1]) + redis.call('SCARD', KEYS[2])
  if used >= tonumber(ARGV[4]) then return 0 end
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1`;

const COMMIT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
if ARGV[3] ~= '' then redis.call('SADD', KEYS[3], ARGV[3]) end
return redis.call('SCARD', KEYS[2])`;

export async function createDiscountCode(store: Redis, code: DiscountCode): Promise<boolean> {
  const parsed = discountCodeSchema.parse(code);
  const [created] = await storeCall('createDiscountCode', () =>
    store
      .multi()
      .set(storeKeys.discountCode(parsed.code), JSON.stringify(parsed), { nx: true })
      .zadd(storeKeys.discountCodes, { nx: true }, { score: parsed.createdAt, member: parsed.code })
      .exec<[string | null, number]>(),
  );
  return created === 'OK';
}

export async function getDiscountCode(store: Redis, code: string): Promise<DiscountCode | null> {
  const raw = await storeCall('getDiscountCode', () =>
    store.get<string>(storeKeys.discountCode(code)),
  );
  return typeof raw === 'string' ? discountCodeSchema.parse(JSON.parse(raw)) : null;
}

export async function listDiscountCodes(store: Redis): Promise<DiscountCode[]> {
  const codes = await storeCall('listDiscountCodes', () =>
    store.zrange<string[]>(storeKeys.discountCodes, 0, 199, { rev: true }),
  );
  const found = await Promise.all(codes.map((code) => getDiscountCode(store, String(code))));
  return found.filter((code): code is DiscountCode => code !== null);
}

export async function disableDiscountCode(
  store: Redis,
  code: string,
): Promise<DiscountCode | null> {
  const existing = await getDiscountCode(store, code);
  if (!existing) return null;
  const disabled = { ...existing, disabled: true };
  await storeCall('disableDiscountCode', () =>
    store.set(storeKeys.discountCode(code), JSON.stringify(disabled), { xx: true }),
  );
  return disabled;
}

export async function codeUsage(
  store: Redis,
  code: string,
  { email, now, cartId = null }: { email: string | null; now: number; cartId?: string | null },
): Promise<CodeUsage> {
  const [reserved, redeemed, usedByEmail, own] = await storeCall('codeUsage', () =>
    store
      .multi()
      .zcount(storeKeys.codeReservations(code), `(${now}`, '+inf')
      .scard(storeKeys.codeRedemptions(code))
      .sismember(storeKeys.codeEmails(code), email ?? '')
      .zscore(storeKeys.codeReservations(code), cartId ?? '')
      .exec<[number, number, number, string | number | null]>(),
  );
  // The cart's own hold is its use, not someone else's.
  const held = own !== null && Number(own) > now ? 1 : 0;
  return {
    reserved: Number(reserved) - held,
    redeemed: Number(redeemed),
    usedByEmail: Number(usedByEmail) === 1,
  };
}

/** Holds one use of `code` for a cart; false when every use is taken. Renewing one held is free. */
export async function reserveCodeUse(
  store: Redis,
  code: string,
  cartId: string,
  maxRedemptions: number | null,
  now = Date.now(),
): Promise<boolean> {
  const held = await storeCall('reserveCodeUse', () =>
    storeScript(store, RESERVE).exec(
      [storeKeys.codeReservations(code), storeKeys.codeRedemptions(code)],
      [
        cartId,
        String(now),
        String(now + CODE_RESERVATION_MS),
        maxRedemptions === null ? '' : String(maxRedemptions),
      ],
    ),
  );
  return Number(held) === 1;
}

export async function releaseCodeUse(store: Redis, code: string, cartId: string): Promise<void> {
  await storeCall('releaseCodeUse', () => store.zrem(storeKeys.codeReservations(code), cartId));
}

/** Turns a cart's held use into a redemption by its paid order (once per order); the count after. */
export async function commitCodeUse(
  store: Redis,
  code: string,
  { cartId, orderId, email }: { cartId: string; orderId: string; email: string | null },
): Promise<number> {
  const count = await storeCall('commitCodeUse', () =>
    storeScript(store, COMMIT).exec(
      [
        storeKeys.codeReservations(code),
        storeKeys.codeRedemptions(code),
        storeKeys.codeEmails(code),
      ],
      [cartId, orderId, email ?? ''],
    ),
  );
  return Number(count);
}
