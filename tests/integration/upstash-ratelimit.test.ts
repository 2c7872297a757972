import { Ratelimit, type RatelimitConfig } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientFor, STORE_BACKENDS, type StoreBackendUnderTest } from '../helpers/upstash-servers';

const WINDOW_MS = 2000;

describe.each(STORE_BACKENDS)('@upstash/ratelimit over the %s backend', (_name, start) => {
  let backend: StoreBackendUnderTest;
  let store: Redis;

  beforeAll(async () => {
    backend = await start();
    store = clientFor(backend.upstash);
  });
  afterAll(async () => {
    await backend.stop();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function limiter(algorithm: RatelimitConfig['limiter']) {
    return new Ratelimit({
      redis: store,
      limiter: algorithm,
      prefix: `test:${crypto.randomUUID()}`,
      analytics: false,
      // The library's in-process cache of blocked ids would answer without the store.
      ephemeralCache: false,
      // Otherwise a slow store lets requests through after 5 s, which would hide a failure.
      timeout: 0,
    });
  }

  async function allowed(ratelimit: Ratelimit, id: string, calls: number): Promise<number> {
    const results = await Promise.all(Array.from({ length: calls }, () => ratelimit.limit(id)));
    return results.filter((result) => result.success).length;
  }

  it('allows exactly `limit` of 100 concurrent calls in a sliding window', async () => {
    const ratelimit = limiter(Ratelimit.slidingWindow(10, `${WINDOW_MS / 1000} s`));
    // Just past a window edge the library rounds the previous window's weight down (9.99 of
    // 10 counts as 9) and lets one more through; keep every call in the middle of one window.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((Math.floor(Date.now() / WINDOW_MS) + 0.5) * WINDOW_MS);
    expect(await allowed(ratelimit, 'ip-1', 100)).toBe(10);
    expect(await allowed(ratelimit, 'ip-2', 1)).toBe(1);
    const refused = await ratelimit.limit('ip-1');
    expect(refused).toMatchObject({ success: false, limit: 10, remaining: 0 });
  });

  it('refuses a burst at a window edge that a fixed window lets through', async () => {
    const fixed = limiter(Ratelimit.fixedWindow(10, `${WINDOW_MS / 1000} s`));
    const sliding = limiter(Ratelimit.slidingWindow(10, `${WINDOW_MS / 1000} s`));
    // Both limiters read the clock; freeze it either side of a window edge.
    const edge = (Math.floor(Date.now() / WINDOW_MS) + 1) * WINDOW_MS;
    vi.useFakeTimers({ toFake: ['Date'] });

    vi.setSystemTime(edge - 100);
    expect(await allowed(fixed, 'ip', 10)).toBe(10);
    expect(await allowed(sliding, 'ip', 10)).toBe(10);

    vi.setSystemTime(edge + 50);
    // A fixed window starts counting afresh: 20 requests in 150 ms.
    expect(await allowed(fixed, 'ip', 10)).toBe(10);
    // The sliding window still weighs 97.5% of the previous window's 10: room for one.
    expect(await allowed(sliding, 'ip', 10)).toBe(1);
  });
});
