import type { Redis } from '@upstash/redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addSessionOrder,
  createOrder,
  getOrder,
  listSessionOrders,
  recordRefund,
  settlePayment,
  shipOrder,
  type OrderSnapshot,
} from '@/lib/store/orders';
import { countOrdersByStatus, listOrders } from '@/lib/store/order-index';
import { shipmentNoticeJob } from '@/lib/jobs/job-kinds';
import type { PaidEvent, RefundEvent, ShippedEvent } from '@/lib/orders/order-events';
import {
  findPaymentIntentRecord,
  savePaymentIntentRecord,
  type PaymentIntentRecord,
} from '@/lib/store/payment-intent-records';
import { hitRateLimit } from '@/lib/store/rate-limit';
import {
  commitStock,
  holdStock,
  readStockLevels,
  releaseStock,
  setStock,
} from '@/lib/store/stock-store';
import { storeKeys } from '@/lib/store/store-keys';
import {
  claimWebhookEvent,
  completeWebhookEvent,
  releaseWebhookEvent,
} from '@/lib/store/webhook-events';
import { clientFor, STORE_BACKENDS, type StoreBackendUnderTest } from '../helpers/upstash-servers';

function record(n: number): PaymentIntentRecord {
  return {
    paymentIntentId: `pi_${n}`,
    clientSecret: `pi_${n}_secret_x`,
    orderId: `ord_${n}`,
    amount: 1299 + n,
    currency: 'usd',
    createdAt: 1_700_000_000_000 + n,
  };
}

function order(id: string): OrderSnapshot {
  return {
    id,
    cartId: crypto.randomUUID(),
    sessionId: 'session-1',
    currency: 'usd',
    lines: [
      {
        bookId: 'b01',
        title: 'Pride and Prejudice',
        quantity: 2,
        unitAmount: 1299,
        lineTotal: 2598,
      },
    ],
    subtotal: 2598,
    shipping: 499,
    total: 3097,
    createdAt: Date.now(),
  };
}

describe.each(STORE_BACKENDS)('store contract on the %s backend', (_name, start) => {
  let backend: StoreBackendUnderTest;
  let store: Redis;

  beforeAll(async () => {
    backend = await start();
    store = clientFor(backend.upstash);
  });
  afterAll(async () => {
    await backend.stop();
  });
  beforeEach(async () => {
    await store.flushall();
  });

  describe('payment-intent records', () => {
    it('keeps the first record for a cart and returns it to later writers', async () => {
      const cartId = crypto.randomUUID();
      expect(await findPaymentIntentRecord(store, cartId)).toBeNull();
      expect(await savePaymentIntentRecord(store, cartId, record(1))).toEqual({
        saved: true,
        record: record(1),
      });
      expect(await savePaymentIntentRecord(store, cartId, record(2))).toEqual({
        saved: false,
        record: record(1),
      });
      expect(await findPaymentIntentRecord(store, cartId)).toEqual(record(1));
    });

    it("outlives Stripe's 24-hour idempotency window", async () => {
      const cartId = crypto.randomUUID();
      await savePaymentIntentRecord(store, cartId, record(1));
      const ttl = await store.ttl(storeKeys.paymentIntentRecord(cartId));
      expect(ttl).toBeGreaterThan(24 * 60 * 60);
      expect(ttl).toBeLessThanOrEqual(7 * 24 * 60 * 60);
    });

    it('lets exactly one of 50 parallel writers win', async () => {
      const cartId = crypto.randomUUID();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => savePaymentIntentRecord(store, cartId, record(i))),
      );
      expect(results.filter((r) => r.saved)).toHaveLength(1);
      const winner = results.find((r) => r.saved)!.record;
      expect(results.every((r) => r.record.paymentIntentId === winner.paymentIntentId)).toBe(true);
    });
  });

  describe('webhook events', () => {
    it('lets exactly one of 50 parallel deliveries claim an event', async () => {
      const claims = await Promise.all(
        Array.from({ length: 50 }, () => claimWebhookEvent(store, 'evt_parallel')),
      );
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      expect(claims.filter((c) => !c.claimed && c.state === 'processing')).toHaveLength(49);
    });

    it('remembers a handled event', async () => {
      const claim = await claimWebhookEvent(store, 'evt_done');
      expect(claim.claimed).toBe(true);
      await completeWebhookEvent(store, 'evt_done');
      expect(await claimWebhookEvent(store, 'evt_done')).toEqual({ claimed: false, state: 'done' });
      expect(await store.ttl(storeKeys.webhookEvent('evt_done'))).toBeGreaterThan(3 * 24 * 60 * 60);
    });

    it('releases a failed claim so a retry can handle the event, and only its own', async () => {
      const first = await claimWebhookEvent(store, 'evt_retry');
      if (!first.claimed) throw new Error('expected a claim');
      await releaseWebhookEvent(store, 'evt_retry', 'someone-else');
      expect((await claimWebhookEvent(store, 'evt_retry')).claimed).toBe(false);
      await releaseWebhookEvent(store, 'evt_retry', first.token);
      expect((await claimWebhookEvent(store, 'evt_retry')).claimed).toBe(true);
    });
  });

  describe('orders', () => {
    const paid = (email = 'a@example.com'): PaidEvent => ({
      type: 'paid',
      at: Date.now(),
      paymentIntentId: 'pi_1',
      email,
      card: { brand: 'visa', last4: '4242' },
      shipping: null,
    });
    const refund = (id: string, amount: number, status: RefundEvent['status']): RefundEvent => ({
      type: 'refund',
      at: Date.now(),
      refundId: id,
      amount,
      status,
      reason: null,
      failureReason: status === 'failed' ? 'declined' : null,
      requestId: null,
    });
    const shipped: ShippedEvent = {
      type: 'shipped',
      at: Date.now(),
      carrier: 'UPS',
      trackingNumber: '1Z999',
      by: 'admin@folio.local',
    };

    it('creates an order once and reads it back as pending', async () => {
      expect(await createOrder(store, order('ord_a'))).toBe(true);
      expect(await createOrder(store, { ...order('ord_a'), total: 1 })).toBe(false);
      const saved = await getOrder(store, 'ord_a');
      expect(saved).toMatchObject({ id: 'ord_a', total: 3097, status: 'pending', events: [] });
      expect(await getOrder(store, 'ord_missing')).toBeNull();
    });

    it('settles a payment once, and follows refunds and shipping to its status', async () => {
      await createOrder(store, order('ord_b'));
      expect(await shipOrder(store, 'ord_b', shipped, shipmentNoticeJob('ord_b'))).toEqual({
        ok: false,
        reason: 'not_paid',
      });
      expect(await settlePayment(store, 'ord_b', paid())).toMatchObject({
        ok: true,
        changed: true,
        order: { status: 'paid', paid: { email: 'a@example.com' } },
      });
      expect(await settlePayment(store, 'ord_b', paid())).toMatchObject({ changed: false });
      const review = {
        type: 'needs_review',
        at: 1,
        reason: 'x',
        paymentIntentId: 'pi',
        paid: { amount: 1, currency: 'usd' },
      } as const;
      expect(await settlePayment(store, 'ord_b', review)).toMatchObject({
        ok: false,
        reason: 'illegal',
      });

      expect(await recordRefund(store, 'ord_b', refund('re_1', 1000, 'pending'))).toBe('changed');
      expect(await getOrder(store, 'ord_b')).toMatchObject({
        status: 'partially_refunded',
        refunded: 1000,
      });
      // A failed refund gives the money back to the order; a late "pending" changes nothing.
      expect(await recordRefund(store, 'ord_b', refund('re_1', 1000, 'failed'))).toBe('changed');
      expect(await recordRefund(store, 'ord_b', refund('re_1', 1000, 'pending'))).toBe('unchanged');
      expect(await getOrder(store, 'ord_b')).toMatchObject({ status: 'paid', refunded: 0 });

      expect(await shipOrder(store, 'ord_b', shipped, shipmentNoticeJob('ord_b'))).toMatchObject({
        ok: true,
        order: { status: 'shipped', shipment: { carrier: 'UPS' } },
      });
      expect(await shipOrder(store, 'ord_b', shipped, shipmentNoticeJob('ord_b'))).toEqual({
        ok: false,
        reason: 'already_shipped',
      });
      expect(await recordRefund(store, 'ord_b', refund('re_2', 3097, 'succeeded'))).toBe('changed');
      const final = await getOrder(store, 'ord_b');
      expect(final).toMatchObject({ status: 'refunded', refunded: 3097 });
      expect(final?.refunds.map((r) => `${r.refundId}:${r.status}`)).toEqual([
        're_1:failed',
        're_2:succeeded',
      ]);
      expect(final?.events.map((e) => e.type)).toEqual([
        'paid',
        'refund',
        'refund',
        'shipped',
        'refund',
      ]);
    });

    it('lets exactly one of 50 racing settlements win, and one of 10 racing shipments', async () => {
      await createOrder(store, order('ord_c'));
      const events = [
        paid(),
        { type: 'canceled', at: 1, reason: 'r' } as const,
        {
          type: 'needs_review',
          at: 1,
          reason: 'x',
          paymentIntentId: 'pi',
          paid: { amount: 1, currency: 'usd' },
        } as const,
      ];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => settlePayment(store, 'ord_c', events[i % 3]!)),
      );
      expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
      const final = await getOrder(store, 'ord_c');
      expect(final?.events).toHaveLength(1);

      await createOrder(store, order('ord_s'));
      await settlePayment(store, 'ord_s', paid());
      const shipments = await Promise.all(
        Array.from({ length: 10 }, () =>
          shipOrder(store, 'ord_s', shipped, shipmentNoticeJob('ord_s')),
        ),
      );
      expect(shipments.filter((r) => r.ok)).toHaveLength(1);
      expect(
        (await getOrder(store, 'ord_s'))?.events.filter((e) => e.type === 'shipped'),
      ).toHaveLength(1);
    });

    it('keeps the indexes right: newest first, by status and by address, a page at a time', async () => {
      for (let i = 0; i < 7; i++) await createOrder(store, order(`ord_i${i}`));
      await settlePayment(store, 'ord_i1', paid('Ada@Example.com'));
      await settlePayment(store, 'ord_i2', paid('ada@example.com'));
      await settlePayment(store, 'ord_i3', paid('bob@example.com'));
      await recordRefund(store, 'ord_i2', refund('re_i2', 3097, 'succeeded'));
      const all = await listOrders(store, { limit: 3 });
      expect(all.orders.map((o) => o.id)).toEqual(['ord_i6', 'ord_i5', 'ord_i4']);
      const next = await listOrders(store, { limit: 3, cursor: all.nextCursor });
      expect(next.orders.map((o) => o.id)).toEqual(['ord_i3', 'ord_i2', 'ord_i1']);
      const last = await listOrders(store, { limit: 3, cursor: next.nextCursor });
      expect(last).toEqual({
        orders: [expect.objectContaining({ id: 'ord_i0' })],
        nextCursor: null,
      });
      expect(
        (await listOrders(store, { limit: 10, status: 'paid' })).orders.map((o) => o.id),
      ).toEqual(['ord_i3', 'ord_i1']);
      expect(
        (await listOrders(store, { limit: 10, status: 'refunded' })).orders.map((o) => o.id),
      ).toEqual(['ord_i2']);
      expect((await listOrders(store, { limit: 10, status: 'pending' })).orders).toHaveLength(4);
      expect(
        (await listOrders(store, { limit: 10, email: ' ADA@example.com' })).orders.map((o) => o.id),
      ).toEqual(['ord_i2', 'ord_i1']);
      expect(
        (
          await listOrders(store, { limit: 10, email: 'ada@example.com', status: 'paid' })
        ).orders.map((o) => o.id),
      ).toEqual(['ord_i1']);
      const toShip = async () =>
        (await listOrders(store, { limit: 10, status: 'to_ship' })).orders.map((o) => o.id);
      expect(await toShip()).toEqual(['ord_i3', 'ord_i1']);
      await shipOrder(store, 'ord_i3', shipped, shipmentNoticeJob('ord_i3'));
      await recordRefund(store, 'ord_i1', refund('re_i1', 100, 'succeeded'));
      // Shipped leaves the list; a partial refund does not (the rest still ships).
      expect(await toShip()).toEqual(['ord_i1']);
      await recordRefund(store, 'ord_i1', refund('re_i1b', 2997, 'succeeded'));
      expect(await toShip()).toEqual([]);
      await recordRefund(store, 'ord_i1', refund('re_i1b', 2997, 'failed'));
      expect(await toShip()).toEqual(['ord_i1']);
      expect(await countOrdersByStatus(store, ['pending', 'shipped', 'refunded'])).toEqual({
        pending: 4,
        shipped: 1,
        refunded: 1,
      });
    });

    it('lists the orders of a session, newest first, each once', async () => {
      await addSessionOrder(store, 'session-9', 'ord_1');
      await addSessionOrder(store, 'session-9', 'ord_2');
      await addSessionOrder(store, 'session-9', 'ord_1');
      expect(await listSessionOrders(store, 'session-9')).toEqual(['ord_1', 'ord_2']);
      expect(await listSessionOrders(store, 'session-other')).toEqual([]);
    });

    it('adopts orders written before the timeline, once, so they settle and are listed', async () => {
      const legacy = (id: string) => JSON.stringify(order(id));
      await store.set('folio:order:ord_old_pending', legacy('ord_old_pending'));
      await store.set('folio:order:ord_old_paid', legacy('ord_old_paid'));
      await store.hset('folio:order:ord_old_paid:moves', {
        'from:pending': JSON.stringify({
          to: 'paid',
          at: 1_700_000_000_000,
          details: {
            paymentIntentId: 'pi_old',
            email: 'Old@Example.com',
            card: { brand: 'visa', last4: '4242' },
            shipping: null,
          },
        }),
        'from:paid': JSON.stringify({ to: 'partially_refunded', at: 1_700_000_100_000 }),
      });
      await store.rpush(
        'folio:order:ord_old_paid:attempts',
        JSON.stringify({
          at: 1_699_999_999_000,
          paymentIntentId: 'pi_old',
          eventId: 'evt_1',
          message: 'Declined.',
        }),
      );
      const [a, b] = await Promise.all([
        getOrder(store, 'ord_old_paid'),
        getOrder(store, 'ord_old_paid'),
      ]);
      expect(a).toMatchObject({
        status: 'paid',
        paid: { paymentIntentId: 'pi_old', email: 'Old@Example.com' },
      });
      expect(a?.events.map((e) => e.type)).toEqual(['payment_failed', 'paid']);
      expect(b?.events).toHaveLength(2);
      // A payment in flight across the upgrade is still fulfilled.
      expect(await settlePayment(store, 'ord_old_pending', paid())).toMatchObject({
        ok: true,
        changed: true,
      });
      await store.set('folio:order:ord_old_refund', legacy('ord_old_refund'));
      await store.hset('folio:order:ord_old_refund:moves', {
        'from:pending': JSON.stringify({ to: 'paid', at: 1, details: { paymentIntentId: 'pi_r' } }),
      });
      expect(await recordRefund(store, 'ord_old_refund', refund('re_old', 3097, 'succeeded'))).toBe(
        'changed',
      );
      expect((await getOrder(store, 'ord_old_refund'))?.status).toBe('refunded');
      expect((await listOrders(store, { limit: 10 })).orders.map((o) => o.id).sort()).toEqual([
        'ord_old_paid',
        'ord_old_pending',
        'ord_old_refund',
      ]);
      expect(
        (await listOrders(store, { limit: 10, email: 'old@example.com' })).orders,
      ).toHaveLength(1);
    });

    it('says when an order does not exist', async () => {
      expect(await settlePayment(store, 'ord_nope', paid())).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await recordRefund(store, 'ord_nope', refund('re_x', 1, 'succeeded'))).toBe(
        'not_found',
      );
    });
  });

  describe('stock', () => {
    const book = { id: 'b90', initialStock: 5 };
    const line = (quantity: number) => [{ bookId: 'b90', quantity, initialStock: 5 }];
    const levels = async (now?: number) => (await readStockLevels(store, [book], now))[0];

    it('starts from the catalog count and holds copies once per cart', async () => {
      expect(await levels()).toEqual({ bookId: 'b90', onHand: 5, held: 0, available: 5 });
      const until = Date.now() + 60_000;
      expect(await holdStock(store, 'cart-a', line(2), { until })).toEqual({ ok: true });
      expect(await holdStock(store, 'cart-a', line(2), { until })).toEqual({ ok: true });
      expect(await levels()).toEqual({ bookId: 'b90', onHand: 5, held: 2, available: 3 });
      expect(await holdStock(store, 'cart-b', line(4), { until })).toEqual({
        ok: false,
        reason: 'short',
        shortages: [{ bookId: 'b90', available: 3 }],
      });
    });

    it('lets exactly 5 of 30 racing carts hold the last 5 copies', async () => {
      const until = Date.now() + 60_000;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => holdStock(store, `cart-${i}`, line(1), { until })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      expect(await levels()).toMatchObject({ held: 5, available: 0 });
    });

    it('counts a lapsed hold as available, and clears it when another cart holds', async () => {
      const now = Date.now();
      await holdStock(store, 'cart-a', line(5), { now, until: now + 1_000 });
      expect(await levels(now)).toMatchObject({ available: 0 });
      expect(await levels(now + 2_000)).toMatchObject({ held: 0, available: 5 });
      expect(
        await holdStock(store, 'cart-b', line(5), { now: now + 2_000, until: now + 9_000 }),
      ).toEqual({ ok: true });
      // cart-a's copies went to cart-b: paying now finds them gone, the same on every try.
      const short = { ok: false, shortages: [{ bookId: 'b90', available: 0 }] };
      expect(await commitStock(store, 'cart-a', 'ord_a', line(5), now + 3_000)).toEqual(short);
      expect(await commitStock(store, 'cart-a', 'ord_a', line(5), now + 3_000)).toEqual(short);
      expect(await commitStock(store, 'cart-b', 'ord_b', line(5), now + 3_000)).toEqual({
        ok: true,
      });
      expect(await commitStock(store, 'cart-b', 'ord_b', line(5), now + 3_000)).toEqual({
        ok: true,
      });
      expect(await levels(now + 3_000)).toEqual({
        bookId: 'b90',
        onHand: 0,
        held: 0,
        available: 0,
      });
    });

    it('releases once, and a released cart never holds again', async () => {
      const until = Date.now() + 60_000;
      await holdStock(store, 'cart-a', line(3), { until });
      expect(await releaseStock(store, 'cart-a', line(3))).toBe(true);
      expect(await releaseStock(store, 'cart-a', line(3))).toBe(false);
      expect(await levels()).toMatchObject({ held: 0, available: 5 });
      expect(await holdStock(store, 'cart-a', line(3), { until })).toEqual({
        ok: false,
        reason: 'released',
      });
      await setStock(store, 'b90', 2);
      expect(await levels()).toEqual({ bookId: 'b90', onHand: 2, held: 0, available: 2 });
    });
  });

  describe('rate limiter', () => {
    const limit = { scope: 'test', limit: 3, windowSeconds: 600 };

    // Hits either side of a window's edge let one more through (the library rounds the
    // previous window's weight down); hold the clock mid-window so each test sees one window.
    beforeEach(() => {
      const windowMs = limit.windowSeconds * 1000;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime((Math.floor(Date.now() / windowMs) + 0.5) * windowMs);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('allows `limit` hits per window and id, then refuses with a wait', async () => {
      const hits = [];
      for (let i = 0; i < 5; i++) hits.push(await hitRateLimit(store, limit, 'ip-1'));
      expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false, false]);
      expect(hits.map((h) => h.remaining)).toEqual([2, 1, 0, 0, 0]);
      expect(hits[3]?.retryAfterSeconds).toBeGreaterThan(0);
      expect(hits[3]?.retryAfterSeconds).toBeLessThanOrEqual(600);
      expect((await hitRateLimit(store, limit, 'ip-2')).allowed).toBe(true);
    });

    it('counts parallel hits exactly', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => hitRateLimit(store, limit, 'ip-3')),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(3);
    });

    it('keeps its counters in the store only as long as the window needs them', async () => {
      await hitRateLimit(store, limit, 'ip-4');
      const [, keys] = await store.scan(0, { match: 'folio:rl:test:ip-4:*', count: 1000 });
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const ttl = await store.ttl(key);
        expect(ttl).toBeGreaterThan(0);
        // @upstash/ratelimit keeps a sliding window's counter for two windows and a second.
        expect(ttl).toBeLessThanOrEqual(2 * 600 + 1);
      }
    });
  });

  describe('the client over this backend', () => {
    it('round-trips UTF-8 and JSON-looking strings byte for byte', async () => {
      await store.set('text', 'héllo ✓ 日本');
      expect(await store.get('text')).toBe('héllo ✓ 日本');
      await store.set('json', '{"a":1}');
      expect(await store.get('json')).toBe('{"a":1}');
      await store.set('ok', 'OK');
      expect(await store.get('ok')).toBe('OK');
    });

    it('runs pipelines with per-command errors in place', async () => {
      await store.set('str', 'x');
      const results = await store
        .pipeline()
        .set('a', '1')
        .incr('a')
        .hget('str', 'f')
        .get('a')
        .exec({ keepErrors: true });
      expect(results.map((r) => r.error ?? r.result)).toEqual([
        'OK',
        2,
        'WRONGTYPE Operation against a key holding the wrong kind of value',
        '2',
      ]);
    });

    it('runs transactions atomically, with runtime errors per command', async () => {
      await store.set('str', 'x');
      const results = await store
        .multi()
        .incr('n')
        .incr('str')
        .incr('n')
        .exec({ keepErrors: true });
      expect(results.map((r) => r.error ?? r.result)).toEqual([
        1,
        'ERR value is not an integer or out of range',
        2,
      ]);
    });

    it('removes list elements with LREM from the head, the tail or everywhere', async () => {
      await store.rpush('l', 'a', 'b', 'a', 'c', 'a');
      expect(await store.lrem('l', 1, 'a')).toBe(1);
      expect(await store.lrange('l', 0, -1)).toEqual(['b', 'a', 'c', 'a']);
      expect(await store.lrem('l', -1, 'a')).toBe(1);
      expect(await store.lrange('l', 0, -1)).toEqual(['b', 'a', 'c']);
      expect(await store.lrem('l', 0, 'a')).toBe(1);
      expect(await store.lrange('l', 0, -1)).toEqual(['b', 'c']);
    });

    it('expires keys', async () => {
      await store.set('short', 'v', { px: 100 });
      expect(await store.get('short')).toBe('v');
      expect(await store.pttl('short')).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.get('short')).toBeNull();
      expect(await store.ttl('short')).toBe(-2);
      await store.set('forever', 'v');
      expect(await store.ttl('forever')).toBe(-1);
    });

    it('honours SET NX, XX, GET and INCR overflow like Redis', async () => {
      expect(await store.set('k', '1', { nx: true })).toBe('OK');
      expect(await store.set('k', '2', { nx: true })).toBeNull();
      expect(await store.set('missing', '2', { xx: true })).toBeNull();
      expect(await store.set('k', '3', { get: true })).toBe('1');
      await store.set('big', '9223372036854775807');
      await expect(store.incr('big')).rejects.toThrow('ERR increment or decrement would overflow');
      await store.hset('h', { f: 'v' });
      await expect(store.get('h')).rejects.toThrow('WRONGTYPE');
    });
  });
});
