import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { storeCall } from './store-client';
import { storeKeys } from './store-keys';

export type RateLimit = { scope: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

const limiters = new WeakMap<Redis, Map<string, Ratelimit>>();

function limiterFor(store: Redis, { scope, limit, windowSeconds }: RateLimit): Ratelimit {
  let own = limiters.get(store);
  if (!own) {
    own = new Map();
    limiters.set(store, own);
  }
  const key = `${scope}:${limit}:${windowSeconds}`;
  let limiter = own.get(key);
  if (!limiter) {
    limiter = new Ratelimit({
      redis: store,
      // A sliding window: a burst at a window's edge cannot pass twice the limit.
      limiter: Ratelimit.slidingWindow(limit, `${windowSeconds} s`),
      prefix: storeKeys.rateLimitPrefix(scope),
      analytics: false,
      // The store is the one truth, shared by every instance; no in-process memory.
      ephemeralCache: false,
      // A store that does not answer fails the call (StoreUnavailableError), never lets it through.
      timeout: 0,
    });
    own.set(key, limiter);
  }
  return limiter;
}

/** Counts one request for `id` against `limit` (the sliding-window script of @upstash/ratelimit). */
export async function hitRateLimit(
  store: Redis,
  limit: RateLimit,
  id: string,
): Promise<RateLimitResult> {
  const { success, remaining, reset } = await storeCall('hitRateLimit', () =>
    limiterFor(store, limit).limit(id),
  );
  return {
    allowed: success,
    remaining,
    retryAfterSeconds: Math.max(1, Math.ceil((reset - Date.now()) / 1000)),
  };
}

/** How many hits `id` has left in the window, without counting one. */
export async function remainingRateLimit(
  store: Redis,
  limit: RateLimit,
  id: string,
): Promise<number> {
  const { remaining } = await storeCall('remainingRateLimit', () =>
    limiterFor(store, limit).getRemaining(id),
  );
  return remaining;
}
