import type { Redis } from '@upstash/redis';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import type { CheckoutDeps } from '@/lib/checkout/checkout-deps';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import { requoteCheckout } from '@/lib/checkout/requote-checkout';
import { cancelSupersededIntent } from '@/lib/checkout/superseded-intents';
import { handleWebhook } from '@/lib/checkout/webhook';
import { createStoreClient } from '@/lib/store/store-client';
import { getOrder } from '@/lib/store/orders';
import { storeKeys } from '@/lib/store/store-keys';
import { startTestStripe, TEST_WEBHOOK_SECRET, type TestStripe } from '../helpers/stripe-emulator';
import { captureLog } from '../helpers/captured-log';
import { confirmQuoted, intentsOfCart, OREGON, shippingTo } from '../helpers/checkout-harness';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import {
  clientFor,
  RACING_STORE_TIMEOUT_MS,
  startMemoryStore,
  type StoreBackendUnderTest,
} from '../helpers/upstash-servers';

const SECRET = 'checkout-test-secret-0123456789abcdef';

let t: TestStripe;
let backend: StoreBackendUnderTest;
let store: Redis;
let deps: CheckoutDeps;
const captured = captureLog();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let storeDown = false;

function cartOf(lines: Cart['lines']): Cart {
  return { ...emptyCart(), lines };
}

const twoBooks = () =>
  cartOf([
    { bookId: 'b01', quantity: 2 },
    { bookId: 'b02', quantity: 1 },
  ]);

const intentsOf = (cartId: string) => intentsOfCart(t, cartId);

async function ready(cart: Cart) {
  const prepared = await preparePayment(deps, cart, '203.0.113.7');
  if (prepared.kind !== 'ready') throw new Error(`expected ready, got ${prepared.kind}`);
  return prepared.record;
}

function pay(cart: Cart, intentId: string, paymentMethod = 'pm_card_visa') {
  return confirmQuoted(deps, cart, intentId, {
    payment_method: paymentMethod,
    receipt_email: 'r@example.com',
  });
}

function confirmRaw(intentId: string, params: Stripe.PaymentIntentConfirmParams) {
  return t.stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa', ...params });
}

async function reviewOf(orderId: string): Promise<string | null> {
  const order = await getOrder(store, orderId);
  expect(order?.status).toBe('needs_review');
  const event = order?.events.find((e) => e.type === 'needs_review');
  return event?.type === 'needs_review' ? event.reason : null;
}

const flush = () => t.control('POST', 'webhooks/flush', { timeoutMs: 10_000 });

beforeAll(async () => {
  t = await startTestStripe();
  backend = await startMemoryStore();
  // Fifty preparations of one cart race below.
  store = clientFor(backend.upstash, RACING_STORE_TIMEOUT_MS);
  const downStore = createStoreClient({ url: 'http://127.0.0.1:1', token: 'x' });
  deps = { store, stripe: t.stripe, secret: SECRET, log: captured.log };
  receiver = await startWebhookReceiver(() => (storeDown ? { ...deps, store: downStore } : deps));
});
afterAll(async () => {
  await receiver.close();
  await backend.stop();
  await t.close();
});
beforeEach(async () => {
  storeDown = false;
  await t.control('POST', 'reset');
  await store.flushall();
  await t.control('POST', 'webhooks', {
    url: receiver.url,
    enabled: true,
    retryBaseDelayMs: 50,
    maxAttempts: 5,
  });
});
afterEach(async () => {
  await flush();
});

describe('preparing payment', () => {
  it('creates exactly one intent for 50 parallel requests for one cart', async () => {
    const cart = twoBooks();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => preparePayment(deps, cart, '203.0.113.7')),
    );
    const secrets = new Set(
      results.map((r) => (r.kind === 'ready' ? r.record.clientSecret : r.kind)),
    );
    expect(secrets.size).toBe(1);
    const intents = await intentsOf(cart.id);
    expect(intents).toHaveLength(1);
    // 2 × 12.99 + 18.99 + 4.99 shipping, from the catalog.
    expect(intents[0]).toMatchObject({ amount: 4996, currency: 'usd' });
    expect(intents[0]!.metadata).toMatchObject({ cart_id: cart.id, items: 'b01x2,b02x1' });
    const order = await getOrder(store, intents[0]!.metadata.order_id!);
    expect(order).toMatchObject({ status: 'pending', total: 4996, sessionId: cart.sessionId });
  });

  it('reuses the intent on a repeat visit, also after Stripe forgot the idempotency key', async () => {
    const cart = twoBooks();
    const first = await ready(cart);
    await t.control('POST', 'clock', { advanceSeconds: 25 * 3600 });
    const log = await t.control<{ data: unknown[] }>('GET', 'requests');
    const again = await ready(cart);
    expect(again.paymentIntentId).toBe(first.paymentIntentId);
    expect((await t.control<{ data: unknown[] }>('GET', 'requests')).data.length).toBe(
      log.data.length,
    );
    expect(await intentsOf(cart.id)).toHaveLength(1);
  });

  it('gives a changed cart a new intent and cancels the old one', async () => {
    const cart = twoBooks();
    const old = await ready(cart);
    const changed = { ...cart, id: crypto.randomUUID(), lines: [{ bookId: 'b01', quantity: 1 }] };
    const fresh = await ready(changed);
    expect(fresh.paymentIntentId).not.toBe(old.paymentIntentId);
    expect(await cancelSupersededIntent(deps, cart.id)).toBe(true);
    expect((await t.stripe.paymentIntents.retrieve(old.paymentIntentId)).status).toBe('canceled');
    expect((await getOrder(store, old.orderId))?.status).toBe('canceled');
    const refused = await t.stripe.paymentIntents
      .confirm(old.paymentIntentId, { payment_method: 'pm_card_visa' })
      .catch((e: unknown) => e);
    expect((refused as Stripe.errors.StripeError).code).toBe('payment_intent_unexpected_state');
    // The same cart UUID now asks for a fresh start instead of a dead intent.
    expect((await preparePayment(deps, cart, '203.0.113.7')).kind).toBe('restart');
  });

  it('leaves a paid intent alone when its cart changes afterwards', async () => {
    const cart = twoBooks();
    const record = await ready(cart);
    await pay(cart, record.paymentIntentId);
    // A repeat visit asks only the store, which hears of the payment from the webhook.
    await flush();
    expect(await cancelSupersededIntent(deps, cart.id)).toBe(false);
    expect((await preparePayment(deps, cart, '203.0.113.7')).kind).toBe('paid');
  });

  it('turns a lost response from Stripe into one intent', async () => {
    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/payment_intents',
      status: 500,
      afterExecution: true,
      count: 1,
    });
    const cart = twoBooks();
    await ready(cart);
    expect(await intentsOf(cart.id)).toHaveLength(1);
  });

  it('takes over when the request creating the intent died holding the lock', async () => {
    const cart = twoBooks();
    // What a killed instance leaves: the lock, and no record.
    await store.set(storeKeys.paymentIntentLock(cart.id), '1', { ex: 1 });
    const started = Date.now();
    const prepared = await preparePayment(deps, cart, '203.0.113.8');
    expect(prepared.kind).toBe('ready');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await intentsOf(cart.id)).toHaveLength(1);
  });

  it('limits new intents per session', async () => {
    const sessionId = crypto.randomUUID();
    const kinds: string[] = [];
    for (let i = 0; i < 11; i++) {
      kinds.push(
        (
          await preparePayment(
            deps,
            { ...emptyCart(sessionId), lines: [{ bookId: 'b01', quantity: 1 }] },
            `198.51.100.${i}`,
          )
        ).kind,
      );
    }
    expect(kinds.slice(0, 10).every((k) => k === 'ready')).toBe(true);
    expect(kinds[10]).toBe('rate_limited');
  });
});

describe('card-testing limits', () => {
  const oneBook = (sessionId?: string) => ({
    ...emptyCart(sessionId),
    lines: [{ bookId: 'b01', quantity: 1 }],
  });

  it('never stops paying shoppers behind one address', { timeout: 30_000 }, async () => {
    const kinds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const cart = oneBook();
      const prepared = await preparePayment(deps, cart, '203.0.113.50');
      kinds.push(prepared.kind);
      if (prepared.kind !== 'ready') continue;
      await fulfilOrder(deps, await pay(cart, prepared.record.paymentIntentId));
    }
    expect(kinds).toEqual(Array<string>(40).fill('ready'));
  });

  it('slows an address that creates intents without paying, until one is paid', async () => {
    const carts = Array.from({ length: 10 }, () => oneBook());
    const open = [];
    for (const cart of carts) {
      const prepared = await preparePayment(deps, cart, '203.0.113.51');
      if (prepared.kind !== 'ready') throw new Error(prepared.kind);
      open.push(prepared.record);
    }
    const refused = await preparePayment(deps, oneBook(), '203.0.113.51');
    expect(refused).toMatchObject({ kind: 'rate_limited', reason: 'attempts' });
    expect(refused.kind === 'rate_limited' && refused.retryAfterSeconds).toBeGreaterThan(500);
    // A repeat visit to an open cart creates nothing, so it is never refused.
    expect((await preparePayment(deps, carts[1]!, '203.0.113.51')).kind).toBe('ready');
    // Other addresses are not affected.
    expect((await preparePayment(deps, oneBook(), '203.0.113.52')).kind).toBe('ready');
    // Paying one frees its place, for one more.
    await fulfilOrder(deps, await pay(carts[0]!, open[0]!.paymentIntentId));
    expect((await preparePayment(deps, oneBook(), '203.0.113.51')).kind).toBe('ready');
    expect((await preparePayment(deps, oneBook(), '203.0.113.51')).kind).toBe('rate_limited');
  });

  it('stops a session after 5 declines, and cancels an intent declined 5 times', async () => {
    const sessionId = crypto.randomUUID();
    const cart = oneBook(sessionId);
    const record = await ready(cart);
    for (let i = 0; i < 5; i++) {
      await t.stripe.paymentIntents
        .confirm(record.paymentIntentId, { payment_method: 'pm_card_chargeDeclined' })
        .catch(() => undefined);
      await flush();
    }
    expect((await t.stripe.paymentIntents.retrieve(record.paymentIntentId)).status).toBe(
      'canceled',
    );
    await flush();
    expect(await getOrder(store, record.orderId)).toMatchObject({ status: 'canceled' });
    const next = await preparePayment(deps, oneBook(sessionId), '198.51.100.99');
    expect(next).toMatchObject({ kind: 'rate_limited', reason: 'declines' });
    // Another session at another address still pays.
    expect((await preparePayment(deps, oneBook(), '198.51.100.98')).kind).toBe('ready');
  });
});

describe('fulfilment', () => {
  it('fulfils once, whether the return page or the webhook comes first, with duplicate and shuffled delivery', async () => {
    await t.control('POST', 'webhooks', {
      mode: { duplicate: true, shuffle: true, shuffleWindowMs: 100, shuffleSeed: 3 },
    });
    const cart = twoBooks();
    const record = await ready(cart);
    const intent = await pay(cart, record.paymentIntentId);
    const [a, b] = await Promise.all([fulfilOrder(deps, intent), fulfilOrder(deps, intent)]);
    await flush();
    expect(a.status).toBe('paid');
    expect(b.status).toBe('paid');
    const order = await getOrder(store, record.orderId);
    expect(order?.events.map((e) => e.type)).toEqual(['paid']);
    expect(order?.paid).toMatchObject({
      email: 'r@example.com',
      card: { brand: 'visa', last4: '4242' },
    });
  });

  it('fulfils through the webhook alone (the shopper never came back)', async () => {
    const cart = twoBooks();
    const record = await ready(cart);
    await pay(cart, record.paymentIntentId);
    await flush();
    expect((await getOrder(store, record.orderId))?.status).toBe('paid');
  });

  it('never marks paid an intent whose amount differs from the order', async () => {
    const cart = twoBooks();
    const record = await ready(cart);
    await requoteCheckout(deps, cart, cart.id, OREGON, null);
    await t.stripe.paymentIntents.update(record.paymentIntentId, { amount: 100 });
    await confirmRaw(record.paymentIntentId, { shipping: shippingTo(OREGON) });
    await flush();
    expect(await reviewOf(record.orderId)).toBe('The amount paid does not match the order.');
  });

  it('holds for review a payment confirmed before shipping and tax were quoted', async () => {
    const cart = twoBooks();
    const record = await ready(cart);
    // A client that skips the page's checks and confirms the intent itself.
    await confirmRaw(record.paymentIntentId, { shipping: shippingTo(OREGON) });
    await flush();
    expect(await reviewOf(record.orderId)).toBe(
      'Paid before shipping and tax were calculated for an address.',
    );
  });

  it('holds for review a payment shipping somewhere other than the quoted address', async () => {
    const cart = twoBooks();
    const record = await ready(cart);
    await requoteCheckout(deps, cart, cart.id, OREGON, null);
    const newYork = { ...OREGON, state: 'NY', postalCode: '10001', city: 'New York' };
    await confirmRaw(record.paymentIntentId, { shipping: shippingTo(newYork) });
    await flush();
    expect(await reviewOf(record.orderId)).toBe(
      'Paid with a shipping address other than the one shipping and tax were calculated for.',
    );
    // The same state written differently is the same address.
    const other = twoBooks();
    const second = await ready(other);
    await requoteCheckout(deps, other, other.id, OREGON, null);
    await confirmRaw(second.paymentIntentId, {
      shipping: shippingTo({ ...OREGON, state: 'or' }),
    });
    await flush();
    expect((await getOrder(store, second.orderId))?.status).toBe('paid');
  });

  it('answers 5xx while the store is down, and the retried delivery fulfils', async () => {
    storeDown = true;
    const cart = twoBooks();
    const record = await ready(cart);
    await pay(cart, record.paymentIntentId);
    await new Promise((r) => setTimeout(r, 150));
    storeDown = false;
    await flush();
    const deliveries = (
      await t.control<{ data: Array<{ eventType: string; attempts: Array<{ status: number }> }> }>(
        'GET',
        'deliveries',
      )
    ).data;
    const succeeded = deliveries.find((d) => d.eventType === 'payment_intent.succeeded')!;
    expect(succeeded.attempts[0]?.status).toBe(503);
    expect(succeeded.attempts.at(-1)?.status).toBe(200);
    expect((await getOrder(store, record.orderId))?.status).toBe('paid');
  });

  it('records partial and full refunds on the order', async () => {
    const cart = twoBooks();
    const record = await ready(cart);
    await pay(cart, record.paymentIntentId);
    await flush();
    await t.stripe.refunds.create({ payment_intent: record.paymentIntentId, amount: 1000 });
    await flush();
    expect(await getOrder(store, record.orderId)).toMatchObject({
      status: 'partially_refunded',
      refunded: 1000,
    });
    await t.stripe.refunds.create({ payment_intent: record.paymentIntentId });
    await flush();
    expect(await getOrder(store, record.orderId)).toMatchObject({
      status: 'refunded',
      refunded: 4996,
    });
  });
});

describe('the webhook endpoint', () => {
  const payload = JSON.stringify({
    id: 'evt_test_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_x' } },
  });

  it('refuses missing, bad and stale signatures with 400, changing nothing', async () => {
    const stripe = new Stripe('sk_test_x');
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      null,
      't=1,v1=deadbeef',
      stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }),
      stripe.webhooks.generateTestHeaderString({
        payload,
        secret: TEST_WEBHOOK_SECRET,
        timestamp: now - 301,
      }),
    ];
    for (const signature of cases) {
      const result = await handleWebhook(deps, TEST_WEBHOOK_SECRET, payload, signature);
      expect(result.status).toBe(400);
    }
    expect(await store.get('folio:evt:evt_test_1')).toBeNull();
    const tampered = await handleWebhook(
      deps,
      TEST_WEBHOOK_SECRET,
      payload.replace('pi_x', 'pi_y'),
      cases[3] === null
        ? null
        : stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET }),
    );
    expect(tampered.status).toBe(400);
  });

  it('answers 200 to event types it does not handle, and to a repeat of a handled event', async () => {
    const stripe = new Stripe('sk_test_x');
    const other = JSON.stringify({
      id: 'evt_other',
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1' } },
    });
    const sign = (body: string) =>
      stripe.webhooks.generateTestHeaderString({ payload: body, secret: TEST_WEBHOOK_SECRET });
    expect((await handleWebhook(deps, TEST_WEBHOOK_SECRET, other, sign(other))).status).toBe(200);
    const again = await handleWebhook(deps, TEST_WEBHOOK_SECRET, other, sign(other));
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
  });

  it('acknowledges events about objects Stripe does not know, since no retry can help', async () => {
    const stripe = new Stripe('sk_test_x');
    const sign = (body: string) =>
      stripe.webhooks.generateTestHeaderString({ payload: body, secret: TEST_WEBHOOK_SECRET });
    for (const [id, type, object] of [
      ['evt_missing_pi', 'payment_intent.succeeded', 'pi_doesnotexist'],
      ['evt_missing_fail', 'payment_intent.payment_failed', 'pi_doesnotexist'],
      ['evt_missing_ch', 'charge.refunded', 'ch_doesnotexist'],
    ] as const) {
      const body = JSON.stringify({ id, object: 'event', type, data: { object: { id: object } } });
      const result = await handleWebhook(deps, TEST_WEBHOOK_SECRET, body, sign(body));
      expect(result, type).toMatchObject({ status: 200, body: { received: true } });
      expect(String(result.body.outcome), type).toMatch(/No such/);
      expect(await store.get(`folio:evt:${id}`), type).toBe('done');
    }
  });

  it('still answers 5xx when Stripe itself fails, so the event is retried', async () => {
    const stripe = new Stripe('sk_test_x');
    const cart = twoBooks();
    const record = await ready(cart);
    await t.control('POST', 'faults', {
      method: 'GET',
      path: '/v1/payment_intents/',
      status: 500,
      count: 5,
    });
    const body = JSON.stringify({
      id: 'evt_stripe_down',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: record.paymentIntentId } },
    });
    const signature = stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: TEST_WEBHOOK_SECRET,
    });
    const result = await handleWebhook(deps, TEST_WEBHOOK_SECRET, body, signature);
    expect(result.status).toBe(500);
    expect(await store.get('folio:evt:evt_stripe_down')).toBeNull();
  });
});
