import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addSessionOrder,
  createOrder,
  getOrder,
  listSessionOrders,
  moveOrder,
  recordRefunded,
  type OrderSnapshot,
} from '@/lib/store/orders';
import {
  findPaymentIntentRecord,
  savePaymentIntentRecord,
  type PaymentIntentRecord,
} from '@/lib/store/payment-intent-records';
import { hitRateLimit } from '@/lib/store/rate-limit';
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
    it('creates an order once and reads it back as pending', async () => {
      expect(await createOrder(store, order('ord_a'))).toBe(true);
      expect(await createOrder(store, { ...order('ord_a'), total: 1 })).toBe(false);
      const saved = await getOrder(store, 'ord_a');
      expect(saved).toMatchObject({ id: 'ord_a', total: 3097, status: 'pending', history: [] });
      expect(await getOrder(store, 'ord_missing')).toBeNull();
    });

    it('moves pending → paid → partially refunded → refunded, refusing illegal moves', async () => {
      await createOrder(store, order('ord_b'));
      expect(await moveOrder(store, 'ord_b', 'refunded')).toMatchObject({
        ok: false,
        reason: 'illegal',
      });
      expect(await moveOrder(store, 'ord_b', 'paid', { email: 'a@example.com' })).toMatchObject({
        ok: true,
        changed: true,
        order: { status: 'paid' },
      });
      expect(await moveOrder(store, 'ord_b', 'paid')).toMatchObject({ ok: true, changed: false });
      expect(await moveOrder(store, 'ord_b', 'pending')).toMatchObject({
        ok: false,
        reason: 'illegal',
      });
      expect(await moveOrder(store, 'ord_b', 'needs_review')).toMatchObject({
        ok: false,
        reason: 'illegal',
      });
      expect(await moveOrder(store, 'ord_b', 'partially_refunded')).toMatchObject({
        ok: true,
        changed: true,
      });
      expect(await moveOrder(store, 'ord_b', 'refunded')).toMatchObject({
        ok: true,
        changed: true,
      });
      expect(await moveOrder(store, 'ord_b', 'paid')).toMatchObject({
        ok: false,
        reason: 'illegal',
      });
      const final = await getOrder(store, 'ord_b');
      expect(final?.status).toBe('refunded');
      expect(final?.history.map((m) => `${m.from}→${m.to}`)).toEqual([
        'pending→paid',
        'paid→partially_refunded',
        'partially_refunded→refunded',
      ]);
      expect(final?.history[0]?.details).toEqual({ email: 'a@example.com' });
    });

    it('lets exactly one of 50 racing moves out of pending win', async () => {
      await createOrder(store, order('ord_c'));
      const targets = ['paid', 'needs_review', 'canceled'] as const;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => moveOrder(store, 'ord_c', targets[i % 3]!)),
      );
      const changed = results.filter((r) => r.ok && r.changed);
      expect(changed).toHaveLength(1);
      const final = await getOrder(store, 'ord_c');
      expect(final?.history).toHaveLength(1);
      const winner = changed[0];
      expect(winner?.ok && winner.order.status).toBe(final?.status);
    });

    it('lists the orders of a session, newest first, each once', async () => {
      await addSessionOrder(store, 'session-9', 'ord_1');
      await addSessionOrder(store, 'session-9', 'ord_2');
      await addSessionOrder(store, 'session-9', 'ord_1');
      expect(await listSessionOrders(store, 'session-9')).toEqual(['ord_1', 'ord_2']);
      expect(await listSessionOrders(store, 'session-other')).toEqual([]);
    });

    it('records refunds as Stripe reports them', async () => {
      await createOrder(store, order('ord_r'));
      await recordRefunded(store, 'ord_r', 599);
      expect((await getOrder(store, 'ord_r'))?.refunded).toBe(599);
    });

    it('says when an order does not exist', async () => {
      expect(await moveOrder(store, 'ord_nope', 'paid')).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });
  });

  describe('rate limiter', () => {
    const limit = { scope: 'test', limit: 3, windowSeconds: 600 };

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
