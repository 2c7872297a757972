/**
 * Stock through checkout, against the Stripe emulator and the in-memory
 * store: copies are held when payment is prepared (once per cart UUID),
 * given back when the payment is abandoned, taken when it is paid, and a
 * payment whose hold lapsed while its copies were sold is held for review.
 */
import { describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import { findBookById } from '@/lib/catalog/catalog';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { startHostedCheckout } from '@/lib/checkout/hosted-checkout';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import { cancelSupersededIntent } from '@/lib/checkout/superseded-intents';
import { refundNow } from '@/lib/refunds/refund-order';
import { getOrder } from '@/lib/store/orders';
import { readStockLevels, setStock } from '@/lib/store/stock-store';
import { storeKeys } from '@/lib/store/store-keys';
import { confirmQuoted, flushWebhooks, startCheckoutHarness } from '../helpers/checkout-harness';

const h = startCheckoutHarness('stock-test-secret-0123456789abcdef0123');

// Treasure Island: the catalog gives a fresh store 3 copies.
const BOOK = findBookById('b19')!;

const cartOf = (quantity: number): Cart => ({
  ...emptyCart(),
  lines: [{ bookId: BOOK.id, quantity }],
});

let shopper = 0;
const address = () => `198.51.${Math.floor(++shopper / 250) % 250}.${(shopper % 250) + 1}`;

async function level() {
  const [found] = await readStockLevels(h.store, [BOOK]);
  return found!;
}

async function pay(cart: Cart, paymentIntentId: string) {
  const intent = await confirmQuoted(h.deps, cart, paymentIntentId, {
    payment_method: 'pm_card_visa',
    receipt_email: 'reader@example.com',
  });
  return fulfilOrder(h.deps, intent);
}

describe('stock at checkout', () => {
  it('gives the last 3 copies to exactly 3 of 50 racing shoppers; the others are told before paying', async () => {
    expect(BOOK.initialStock).toBe(3);
    const carts = Array.from({ length: 50 }, () => cartOf(1));
    const prepared = await Promise.all(
      carts.map((cart) => preparePayment(h.deps, cart, address())),
    );
    expect(prepared.filter((p) => p.kind === 'ready')).toHaveLength(3);
    const refused = prepared.filter((p) => p.kind === 'out_of_stock');
    expect(refused).toHaveLength(47);
    expect(refused[0]).toMatchObject({
      message:
        'Treasure Island is sold out. Reduce the quantity in your cart to pay; nothing was charged.',
      shortages: [{ bookId: 'b19', title: 'Treasure Island', available: 0 }],
    });
    // No card was asked of the others: only the three winners have intents.
    const { data } = await h.t.control<{ data: unknown[] }>('GET', 'payment_intents');
    expect(data).toHaveLength(3);
    expect(await level()).toEqual({ bookId: 'b19', onHand: 3, held: 3, available: 0 });
  });

  it('says how many are left when a cart wants more than there are', async () => {
    await setStock(h.store, BOOK.id, 2);
    expect(await preparePayment(h.deps, cartOf(3), address())).toMatchObject({
      kind: 'out_of_stock',
      message:
        'Only 2 copies of Treasure Island are left. Reduce the quantity in your cart to pay; nothing was charged.',
    });
    expect(await level()).toMatchObject({ held: 0, available: 2 });
  });

  it('holds once per cart UUID however often, and however concurrently, payment is prepared', async () => {
    const cart = cartOf(2);
    const first = await Promise.all(
      Array.from({ length: 5 }, () => preparePayment(h.deps, cart, '203.0.113.7')),
    );
    const again = await preparePayment(h.deps, cart, '203.0.113.7');
    expect([...first, again].map((p) => p.kind)).toEqual(Array(6).fill('ready'));
    expect(await level()).toEqual({ bookId: 'b19', onHand: 3, held: 2, available: 1 });
  });

  it('gives the copies back when the cart changes and its intent is canceled', async () => {
    const first = cartOf(3);
    expect((await preparePayment(h.deps, first, address())).kind).toBe('ready');
    expect((await preparePayment(h.deps, cartOf(1), address())).kind).toBe('out_of_stock');
    expect(await cancelSupersededIntent(h.deps, first.id)).toBe(true);
    expect(await level()).toMatchObject({ held: 0, available: 3 });
    expect((await preparePayment(h.deps, cartOf(1), address())).kind).toBe('ready');
  });

  it('gives the copies back when Stripe cancels the intent (webhook)', async () => {
    const cart = cartOf(3);
    const prepared = await preparePayment(h.deps, cart, address());
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    await h.t.stripe.paymentIntents.cancel(prepared.record.paymentIntentId);
    await flushWebhooks(h.t);
    expect(await level()).toMatchObject({ held: 0, available: 3 });
    // The canceled cart never holds again, however late a retry comes.
    expect((await preparePayment(h.deps, cart, address())).kind).toBe('restart');
    expect(await level()).toMatchObject({ held: 0, available: 3 });
  });

  it('holds copies for a hosted Checkout Session and gives them back when it expires', async () => {
    const started = await startHostedCheckout(h.deps, cartOf(3), {
      country: 'US',
      clientAddress: address(),
      appUrl: 'http://127.0.0.1:3000',
    });
    if (started.kind !== 'redirect') throw new Error(started.kind);
    expect(await level()).toMatchObject({ held: 3, available: 0 });
    expect(
      await startHostedCheckout(h.deps, cartOf(1), {
        country: 'US',
        clientAddress: address(),
        appUrl: 'http://127.0.0.1:3000',
      }),
    ).toMatchObject({ kind: 'out_of_stock', message: expect.stringContaining('sold out') });
    await h.t.stripe.checkout.sessions.expire(started.checkoutSessionId);
    await flushWebhooks(h.t);
    expect(await level()).toMatchObject({ held: 0, available: 3 });
  });

  it('takes a paid order’s copies off the shelf once, however often it is fulfilled', async () => {
    const cart = cartOf(2);
    const prepared = await preparePayment(h.deps, cart, address());
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    const intent = await confirmQuoted(h.deps, cart, prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
    });
    const orders = await Promise.all([
      fulfilOrder(h.deps, intent),
      fulfilOrder(h.deps, intent),
      flushWebhooks(h.t).then(() => fulfilOrder(h.deps, intent)),
    ]);
    expect(orders.map((o) => o.status)).toEqual(['paid', 'paid', 'paid']);
    expect(await level()).toEqual({ bookId: 'b19', onHand: 1, held: 0, available: 1 });
  });

  it('still sells a payment whose hold lapsed while nobody took its copies', async () => {
    const cart = cartOf(2);
    const prepared = await preparePayment(h.deps, cart, address());
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    await h.store.zadd(storeKeys.stockHolds(BOOK.id), { score: 1, member: cart.id });
    expect((await pay(cart, prepared.record.paymentIntentId)).status).toBe('paid');
    expect(await level()).toMatchObject({ onHand: 1, held: 0 });
  });

  it('holds for review a payment whose lapsed copies were sold, and refunds it in one click', async () => {
    const late = cartOf(3);
    const lateStart = await preparePayment(h.deps, late, address());
    if (lateStart.kind !== 'ready') throw new Error(lateStart.kind);
    // Its hour passes (a slow 3D Secure, say), and another shopper takes every copy.
    await h.store.zadd(storeKeys.stockHolds(BOOK.id), { score: 1, member: late.id });
    const other = cartOf(3);
    const otherStart = await preparePayment(h.deps, other, address());
    if (otherStart.kind !== 'ready') throw new Error(otherStart.kind);

    const reviewed = await pay(late, lateStart.record.paymentIntentId);
    expect(reviewed.status).toBe('needs_review');
    expect(reviewed.events.find((e) => e.type === 'needs_review')).toMatchObject({
      reason:
        'Paid after the hold on its copies had lapsed, and they were sold: Treasure Island is sold out.',
    });
    await flushWebhooks(h.t);
    expect((await getOrder(h.store, reviewed.id))?.status).toBe('needs_review');
    // Nothing was taken for it: the other shopper's copies are still theirs.
    expect(await level()).toEqual({ bookId: 'b19', onHand: 3, held: 3, available: 0 });
    expect((await pay(other, otherStart.record.paymentIntentId)).status).toBe('paid');
    expect(await level()).toEqual({ bookId: 'b19', onHand: 0, held: 0, available: 0 });

    // Fulfilled again (a late webhook): still one review, nothing taken.
    const again = await fulfilOrder(
      h.deps,
      await h.t.stripe.paymentIntents.retrieve(lateStart.record.paymentIntentId),
    );
    expect(again.events.filter((e) => e.type === 'needs_review')).toHaveLength(1);
    expect(await level()).toMatchObject({ onHand: 0 });

    const refund = await refundNow(h.deps, {
      target: { orderId: reviewed.id },
      amount: null,
      reason: null,
    });
    expect(refund).toMatchObject({ ok: true, refund: { amount: reviewed.total } });
    await flushWebhooks(h.t);
    expect(await getOrder(h.store, reviewed.id)).toMatchObject({
      status: 'refunded',
      refunded: reviewed.total,
    });
    // Refunded once: a second click finds nothing left.
    expect(
      await refundNow(h.deps, { target: { orderId: reviewed.id }, amount: null, reason: null }),
    ).toMatchObject({
      ok: false,
      status: 409,
      message: 'Nothing is left to refund on this order.',
    });
  });

  it('holds for review when an operator lowered the count under copies already held', async () => {
    const cart = cartOf(3);
    const prepared = await preparePayment(h.deps, cart, address());
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    await setStock(h.store, BOOK.id, 1);
    const order = await pay(cart, prepared.record.paymentIntentId);
    expect(order.status).toBe('needs_review');
    expect(await level()).toEqual({ bookId: 'b19', onHand: 1, held: 0, available: 1 });
  });
});
