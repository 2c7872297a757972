import 'server-only';
import type { Redis } from '@upstash/redis';
import { storeCall } from './store-client';
import { storeKeys } from './store-keys';

export type RateLimit = { scope: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Counts one request for `id` in the current fixed window (INCR and EXPIRE in
 * one transaction, so a counter never outlives its window).
 */
export async function hitRateLimit(
  store: Redis,
  { scope, limit, windowSeconds }: RateLimit,
  id: string,
  now: number = Date.now(),
): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  const key = storeKeys.rateLimit(scope, id, window);
  const [count] = await storeCall('hitRateLimit', () =>
    store.multi().incr(key).expire(key, windowSeconds).exec<[number, number]>(),
  );
  return {
    allowed: count <= limit,
    count,
    retryAfterSeconds: Math.ceil(((window + 1) * windowMs - now) / 1000),
  };
}
