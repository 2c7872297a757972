import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisBackend } from '@/emulators/upstash/redis-backend';
import { startUpstashServer } from '@/emulators/upstash/server';
import { getOrder } from '@/lib/store/orders';
import {
  findPaymentIntentRecord,
  savePaymentIntentRecord,
} from '@/lib/store/payment-intent-records';
import { STORE_TIMEOUT_MS, StoreUnavailableError } from '@/lib/store/store-client';
import { freePort } from '../helpers/free-port';
import { startRedisServer } from '../helpers/redis-server';
import { clientFor, startMemoryStore, TEST_TOKEN } from '../helpers/upstash-servers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function timed<T>(work: () => Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work();
    return { error: undefined, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

describe('when the store is down', () => {
  it('fails fast with StoreUnavailableError when nothing listens', async () => {
    const store = clientFor({ url: `http://127.0.0.1:${await freePort()}` });
    const { error, ms } = await timed(() => getOrder(store, 'ord_1'));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).userMessage).toMatch(/nothing was charged/);
    expect(ms).toBeLessThan(1000);
  });

  it('gives up on a store that accepts connections but never answers, in under a second', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const store = clientFor({ url: `http://127.0.0.1:${port}` });
    const { error, ms } = await timed(() => getOrder(store, 'ord_1'));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(ms).toBeGreaterThanOrEqual(STORE_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(1000);
  });

  it('fails fast while Redis is down behind the REST server, and recovers when it is back', async () => {
    const redis = await startRedisServer();
    const upstash = await startUpstashServer({
      backend: new RedisBackend(redis.url),
      token: TEST_TOKEN,
    });
    cleanups.push(() => upstash.close());
    const store = clientFor(upstash);
    const record = {
      paymentIntentId: 'pi_1',
      clientSecret: 'pi_1_secret_x',
      orderId: 'ord_1',
      amount: 1299,
      currency: 'usd',
      createdAt: 1,
    };
    await savePaymentIntentRecord(store, 'cart-1', record);

    await redis.stop();
    const down = await timed(() => findPaymentIntentRecord(store, 'cart-1'));
    expect(down.error).toBeInstanceOf(StoreUnavailableError);
    expect(down.ms).toBeLessThan(1000);
    // A write while Redis is down writes nothing anywhere, and says so.
    const write = await timed(() => savePaymentIntentRecord(store, 'cart-2', record));
    expect(write.error).toBeInstanceOf(StoreUnavailableError);

    // A new Redis on the same port: the server reconnects by itself.
    const again = spawn(
      'redis-server',
      ['--port', String(redis.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    cleanups.push(() => {
      again.kill('SIGTERM');
    });
    await expect
      .poll(async () => (await timed(() => store.ping())).error, { timeout: 5000, interval: 50 })
      .toBeUndefined();
    expect(await findPaymentIntentRecord(store, 'cart-2')).toBeNull();
  });
});

describe('the in-memory backend', () => {
  it('keeps its data, expiry included, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-upstash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'upstash.json');

    const first = await startMemoryStore(file);
    const store = clientFor(first.upstash);
    await store.set('kept', 'héllo ✓');
    await store.set('expiring', 'v', { ex: 3600 });
    await store.set('gone', 'v', { px: 1 });
    await store.hset('hash', { field: 'value' });
    await store.rpush('list', 'a', 'b');
    await store.sadd('set', 'm');
    await first.stop();

    const second = await startMemoryStore(file);
    cleanups.push(() => second.stop());
    const reopened = clientFor(second.upstash);
    expect(await reopened.get('kept')).toBe('héllo ✓');
    expect(await reopened.ttl('expiring')).toBeGreaterThan(3500);
    expect(await reopened.get('gone')).toBeNull();
    expect(await reopened.hget('hash', 'field')).toBe('value');
    expect(await reopened.lrange('list', 0, -1)).toEqual(['a', 'b']);
    expect(await reopened.sismember('set', 'm')).toBe(1);
  });
});
