/**
 * What a checkout integration test runs against: the Stripe emulator, an
 * in-memory store and a webhook receiver feeding the app's handler, reset
 * before each test and flushed after it.
 */
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { CheckoutDeps } from '@/lib/checkout/checkout-deps';
import { captureLog } from './captured-log';
import { startTestStripe, type TestStripe } from './stripe-emulator';
import {
  clientFor,
  RACING_STORE_TIMEOUT_MS,
  startMemoryStore,
  type StoreBackendUnderTest,
} from './upstash-servers';
import { startWebhookReceiver } from './webhook-receiver';

export type CheckoutHarness = { t: TestStripe; store: Redis; deps: CheckoutDeps };

export function startCheckoutHarness(secret: string): CheckoutHarness {
  const harness = {} as CheckoutHarness;
  const captured = captureLog();
  let backend: StoreBackendUnderTest;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    harness.t = await startTestStripe();
    backend = await startMemoryStore();
    harness.store = clientFor(backend.upstash, RACING_STORE_TIMEOUT_MS);
    harness.deps = { store: harness.store, stripe: harness.t.stripe, secret, log: captured.log };
    receiver = await startWebhookReceiver(() => harness.deps);
  });
  afterAll(async () => {
    await receiver.close();
    await backend.stop();
    await harness.t.close();
  });
  beforeEach(async () => {
    await harness.t.control('POST', 'reset');
    await harness.store.flushall();
    await harness.t.control('POST', 'webhooks', {
      url: receiver.url,
      enabled: true,
      retryBaseDelayMs: 50,
    });
  });
  afterEach(async () => {
    await flushWebhooks(harness.t);
  });
  return harness;
}

export function flushWebhooks(t: TestStripe) {
  return t.control('POST', 'webhooks/flush', { timeoutMs: 10_000 });
}

/** The intents the emulator holds for a cart (found by the metadata checkout sets). */
export async function intentsOfCart(
  t: TestStripe,
  cartId: string,
): Promise<Stripe.PaymentIntent[]> {
  return (
    await t.control<{ data: Stripe.PaymentIntent[] }>(
      'GET',
      `payment_intents?metadata[cart_id]=${cartId}`,
    )
  ).data;
}

export { confirmQuoted, OREGON, shippingTo } from './pay-quoted';
