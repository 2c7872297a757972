import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/health/check-health';
import { createStoreClient } from '@/lib/store/store-client';
import { sdkFor, startTestStripe, type TestStripe } from '../helpers/stripe-emulator';
import {
  clientFor,
  startMemoryStore,
  type StoreBackendUnderTest,
} from '../helpers/upstash-servers';

let t: TestStripe;
let backend: StoreBackendUnderTest;

beforeAll(async () => {
  t = await startTestStripe();
  backend = await startMemoryStore();
});
afterAll(async () => {
  await backend.stop();
  await t.close();
});

describe('the health check', () => {
  it('is ok when the store and Stripe answer', async () => {
    expect(await checkHealth({ store: clientFor(backend.upstash), stripe: t.stripe })).toEqual({
      status: 'ok',
      checks: { store: 'ok', stripe: 'ok' },
    });
  });

  it('names the store when it is down, quickly', async () => {
    const started = Date.now();
    const report = await checkHealth({
      store: createStoreClient({ url: 'http://127.0.0.1:1', token: 'x' }),
      stripe: t.stripe,
    });
    expect(report).toEqual({
      status: 'unavailable',
      checks: { store: 'unavailable', stripe: 'ok' },
    });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('names Stripe when it does not answer, and asks it at most every 15 s', async () => {
    const deadStripe = sdkFor({ port: 1 }, { maxNetworkRetries: 0 });
    const store = clientFor(backend.upstash);
    const now = Date.now();
    expect(await checkHealth({ store, stripe: deadStripe }, now)).toEqual({
      status: 'unavailable',
      checks: { store: 'ok', stripe: 'unavailable' },
    });
    const stripe = sdkFor(t.server);
    const before = (await t.control<{ data: unknown[] }>('GET', 'requests')).data.length;
    await checkHealth({ store, stripe }, now);
    await checkHealth({ store, stripe }, now + 1_000);
    const cached = (await t.control<{ data: unknown[] }>('GET', 'requests')).data.length;
    await checkHealth({ store, stripe }, now + 16_000);
    const after = (await t.control<{ data: unknown[] }>('GET', 'requests')).data.length;
    expect([cached - before, after - cached]).toEqual([1, 1]);
  });
});
