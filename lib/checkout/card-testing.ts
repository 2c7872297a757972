/**
 * Limits on what card testing does, rather than on shopping: intents created
 * and never paid, and declined payments, per session and per client address.
 * A paid intent stops counting against its address at once, so shoppers
 * behind one office or carrier NAT who pay never block each other, while an
 * address that keeps creating intents without paying is slowed.
 */
import 'server-only';
import { createHmac } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { hitRateLimit, remainingRateLimit, type RateLimit } from '../store/rate-limit';
import { storeCall } from '../store/store-client';
import { storeKeys } from '../store/store-keys';
import { storeScript } from '../store/store-scripts';

/** Unpaid intents one address may have open within the window. */
export const OPEN_INTENTS_PER_ADDRESS = { limit: 10, windowSeconds: 600 };
/** New intents per session (a session that pays still needs only a few). */
export const NEW_INTENTS_PER_SESSION: RateLimit = {
  scope: 'new-intent',
  limit: 10,
  windowSeconds: 600,
};
export const DECLINES_PER_SESSION: RateLimit = { scope: 'declines', limit: 5, windowSeconds: 600 };
export const DECLINES_PER_ADDRESS: RateLimit = {
  scope: 'declines',
  limit: 20,
  windowSeconds: 3600,
};
/** Declined attempts after which one intent is canceled, so it cannot test more cards. */
export const DECLINES_PER_INTENT = 5;

/** A client address as the store keeps it: keyed, never in the clear. */
export function addressKey(address: string | null, secret: string): string | null {
  if (!address) return null;
  return createHmac('sha256', secret).update(`address:${address}`).digest('base64url').slice(0, 22);
}

/** Forgets intents older than the window, then counts this one if there is room: atomically. */
const OPEN_INTENT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return -1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2])
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return -1`;

export type Refusal = { reason: 'attempts' | 'declines'; retryAfterSeconds: number };

async function declined(store: Redis, sessionId: string, address: string | null) {
  const checks: Array<[RateLimit, string]> = [[DECLINES_PER_SESSION, `session:${sessionId}`]];
  if (address) checks.push([DECLINES_PER_ADDRESS, `address:${address}`]);
  for (const [limit, id] of checks) {
    if ((await remainingRateLimit(store, limit, id)) <= 0) return limit.windowSeconds;
  }
  return null;
}

/**
 * Whether a new intent may be created for this cart; null when it may (and
 * it is then counted as open for the address until it is paid).
 */
export async function admitNewIntent(
  store: Redis,
  { sessionId, cartId, address }: { sessionId: string; cartId: string; address: string | null },
  now = Date.now(),
): Promise<Refusal | null> {
  const wait = await declined(store, sessionId, address);
  if (wait !== null) return { reason: 'declines', retryAfterSeconds: wait };
  const session = await hitRateLimit(store, NEW_INTENTS_PER_SESSION, `session:${sessionId}`);
  if (!session.allowed) return { reason: 'attempts', retryAfterSeconds: session.retryAfterSeconds };
  if (!address) return null;
  const windowMs = OPEN_INTENTS_PER_ADDRESS.windowSeconds * 1000;
  const oldest = await storeCall('admitNewIntent', () =>
    storeScript(store, OPEN_INTENT).exec(
      [storeKeys.openIntents(address)],
      [String(now), String(windowMs), String(OPEN_INTENTS_PER_ADDRESS.limit), cartId],
    ),
  );
  const oldestAt = Number(oldest);
  if (oldestAt < 0) return null;
  return {
    reason: 'attempts',
    retryAfterSeconds: Math.max(1, Math.ceil((oldestAt + windowMs - now) / 1000)),
  };
}

/** A paid intent no longer counts against its address. */
export async function closeOpenIntent(store: Redis, address: string, cartId: string) {
  await storeCall('closeOpenIntent', () => store.zrem(storeKeys.openIntents(address), cartId));
}

/** Counts a declined payment against its session and address. */
export async function recordDecline(store: Redis, sessionId: string, address: string | null) {
  await hitRateLimit(store, DECLINES_PER_SESSION, `session:${sessionId}`);
  if (address) await hitRateLimit(store, DECLINES_PER_ADDRESS, `address:${address}`);
}
