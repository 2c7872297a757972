import 'server-only';
import type { Redis } from '@upstash/redis';
import { storeCall, StoreUnavailableError } from './store-client';
import { TTL_SECONDS } from './store-keys';

/** Longer than a creation lock lives, so a waiter outlasts a creator that died holding it. */
const WAIT_FOR_OTHER_CREATOR_MS = (TTL_SECONDS.paymentIntentLock + 5) * 1000;
const POLL_MS = 50;

/**
 * One request per key talks to Stripe; the others wait for its record. If
 * that request dies holding the lock, the lock expires and a waiter takes over
 * (an idempotency key derived from the cart still yields the one object).
 * `find` answers from a saved record (null while there is none); `create`
 * runs under the lock.
 */
export async function createOnce<R>(
  store: Redis,
  options: {
    lockKey: string;
    operation: string;
    find: () => Promise<R | null>;
    create: () => Promise<R>;
  },
): Promise<R> {
  const { lockKey, operation } = options;
  const deadline = Date.now() + WAIT_FOR_OTHER_CREATOR_MS;
  for (;;) {
    const existing = await options.find();
    if (existing !== null) return existing;
    const locked = await storeCall(operation, () =>
      store.set(lockKey, '1', { nx: true, ex: TTL_SECONDS.paymentIntentLock }),
    );
    if (locked === 'OK') {
      try {
        return await options.create();
      } finally {
        await storeCall(operation, () => store.del(lockKey));
      }
    }
    if (Date.now() > deadline) {
      throw new StoreUnavailableError(`Timed out waiting for ${lockKey}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
