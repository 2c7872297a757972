/**
 * Refunds against the Stripe emulator and the in-memory store: immediate and
 * queued, Stripe's asynchronous outcomes, dashboard refunds, and the order
 * indexes while payments and refunds race.
 */
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailServer, type RunningMailServer } from '@/emulators/mail/server';
import { emptyCart } from '@/lib/cart/cart';
import type { CheckoutDeps } from '@/lib/checkout/checkout-deps';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import type { JobDeps } from '@/lib/jobs/job-handlers';
import { jobIds } from '@/lib/jobs/job-kinds';
import { getJob } from '@/lib/jobs/job-store';
import { runJob, sweepJobs } from '@/lib/jobs/run-jobs';
import { createMailer } from '@/lib/mail/mailer';
import { viewRefundRequest } from '@/lib/refunds/process-refund-request';
import { queueRefund, refundNow } from '@/lib/refunds/refund-order';
import { listOrders } from '@/lib/store/order-index';
import { getOrder } from '@/lib/store/orders';
import { captureLog } from '../helpers/captured-log';
import { confirmQuoted } from '../helpers/checkout-harness';
import { sdkFor, startTestStripe, type TestStripe } from '../helpers/stripe-emulator';
import {
  clientFor,
  startMemoryStore,
  type StoreBackendUnderTest,
} from '../helpers/upstash-servers';
import { startWebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'refunds-test-secret-0123456789abcdef';

let t: TestStripe;
let backend: StoreBackendUnderTest;
let store: Redis;
let mail: RunningMailServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let deps: CheckoutDeps;
let shopper = 0;
const captured = captureLog();

/** A job worker as one app instance runs it; its own Stripe client does not retry by itself. */
function worker(): JobDeps {
  return {
    store,
    stripe: sdkFor(t.server, { maxNetworkRetries: 0 }),
    mailer: createMailer({ smtpUrl: `smtp://127.0.0.1:${mail.smtpPort}`, from: 'f@folio.test' }),
    appUrl: 'https://shop.example.com',
    secret: SECRET,
    log: captured.log,
    now: Date.now,
  };
}

type StripeRequest = { method: string; path: string; status: number; replay?: boolean };

async function refundCalls(): Promise<StripeRequest[]> {
  const { data } = await t.control<{ data: StripeRequest[] }>('GET', 'requests');
  return data.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
}

async function refundsAtStripe(intentId: string): Promise<Stripe.Refund[]> {
  return (await t.stripe.refunds.list({ payment_intent: intentId })).data;
}

/** A paid order of two books ($25.98 + shipping), paid with `card`. */
async function paidOrder(card = 'pm_card_visa') {
  const cart = { ...emptyCart(), lines: [{ bookId: 'b01', quantity: 2 }] };
  const prepared = await preparePayment(deps, cart, `198.51.100.${++shopper % 250}`);
  if (prepared.kind !== 'ready') throw new Error(`expected ready, got ${prepared.kind}`);
  const intent = await confirmQuoted(deps, cart, prepared.record.paymentIntentId, {
    payment_method: card,
    receipt_email: 'reader@example.com',
  });
  const order = await fulfilOrder(deps, intent);
  expect(order.status).toBe('paid');
  return { intent, order };
}

const flush = () => t.control('POST', 'webhooks/flush', { timeoutMs: 10_000 });

beforeAll(async () => {
  t = await startTestStripe();
  backend = await startMemoryStore();
  store = clientFor(backend.upstash);
  mail = await startMailServer();
  deps = { store, stripe: t.stripe, secret: SECRET, log: captured.log };
  receiver = await startWebhookReceiver(() => deps);
});
afterAll(async () => {
  await receiver.close();
  await mail.close();
  await backend.stop();
  await t.close();
});
beforeEach(async () => {
  await t.control('POST', 'reset');
  await store.flushall();
  await fetch(`${mail.url}/api/v1/messages`, { method: 'DELETE' });
  await t.control('POST', 'webhooks', { url: receiver.url, enabled: true, retryBaseDelayMs: 50 });
});
afterEach(async () => {
  await flush();
});

describe('queued refunds', () => {
  it('makes one Stripe refund for 20 identical requests processed by two workers', async () => {
    const { intent, order } = await paidOrder();
    const input = {
      requestId: 'req-same-twenty-times',
      target: { paymentIntentId: intent.id },
      amount: 1000,
      reason: 'requested_by_customer' as const,
      requestedBy: 'api:test',
    };
    const submitted = await Promise.all(Array.from({ length: 20 }, () => queueRefund(deps, input)));
    expect(submitted.every((r) => r.ok)).toBe(true);
    expect(submitted.filter((r) => r.ok && r.created)).toHaveLength(1);

    const [a, b] = [worker(), worker()];
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => runJob(i % 2 ? a : b, jobIds.refund(input.requestId))),
    );
    expect(runs.filter((r) => r === 'succeeded')).toHaveLength(1);
    // Processed again after a "crash" (the job run once more): Stripe replays, no second refund.
    await Promise.all([sweepJobs(a), sweepJobs(b)]);

    const refunds = await refundsAtStripe(intent.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: 1000, status: 'succeeded' });
    expect(await viewRefundRequest({ store }, input.requestId)).toMatchObject({
      request_id: input.requestId,
      status: 'succeeded',
      refund_id: refunds[0]!.id,
      amount: 1000,
    });
    await flush();
    expect(await getOrder(store, order.id)).toMatchObject({
      status: 'partially_refunded',
      refunded: 1000,
    });
    // The same request again, even now, is the same request: nothing new is queued.
    expect(await queueRefund(deps, input)).toMatchObject({ ok: true, created: false });
    expect(await queueRefund(deps, { ...input, amount: 999 })).toMatchObject({
      ok: false,
      status: 409,
      field: 'request_id',
    });
  });

  it('retries a 500 from Stripe and ends succeeded with one refund', async () => {
    const { intent } = await paidOrder();
    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/refunds',
      status: 500,
      count: 1,
    });
    const queued = await queueRefund(deps, {
      requestId: 'req-after-a-500',
      target: { paymentIntentId: intent.id },
      amount: null,
      reason: null,
      requestedBy: 'api:test',
    });
    expect(queued).toMatchObject({ ok: true, created: true });
    const jobs = worker();
    expect(await runJob(jobs, jobIds.refund('req-after-a-500'))).toBe('retrying');
    expect(await viewRefundRequest({ store }, 'req-after-a-500')).toMatchObject({
      status: 'processing',
    });
    // The retry is due after its backoff; a sweeper a minute later runs it.
    const later = { ...jobs, now: () => Date.now() + 60_000 };
    expect(await runJob(later, jobIds.refund('req-after-a-500'))).toBe('succeeded');
    expect(await refundsAtStripe(intent.id)).toHaveLength(1);
    expect((await refundCalls()).map((r) => r.status)).toEqual([500, 200]);
    expect(await viewRefundRequest({ store }, 'req-after-a-500')).toMatchObject({
      status: 'succeeded',
      amount: intent.amount,
    });
  });

  it('fails a request Stripe refuses, with its reason, and does not retry it', async () => {
    const { intent } = await paidOrder();
    const queue = (requestId: string) =>
      queueRefund(deps, {
        requestId,
        target: { paymentIntentId: intent.id },
        amount: intent.amount,
        reason: null,
        requestedBy: 'api:test',
      });
    // Both were valid when queued; only one can be paid out.
    await queue('req-first-of-two');
    await queue('req-second-of-two');
    const jobs = worker();
    expect(await runJob(jobs, jobIds.refund('req-first-of-two'))).toBe('succeeded');
    expect(await runJob(jobs, jobIds.refund('req-second-of-two'))).toBe('failed');
    expect(await viewRefundRequest({ store }, 'req-second-of-two')).toMatchObject({
      status: 'failed',
      failure_reason: expect.stringContaining('has already been refunded'),
    });
    expect(await refundsAtStripe(intent.id)).toHaveLength(1);
  });

  it('shows the refund a request made even when its job never heard back from Stripe', async () => {
    const { intent, order } = await paidOrder();
    await queueRefund(deps, {
      requestId: 'req-answer-lost',
      target: { orderId: order.id },
      amount: 400,
      reason: null,
      requestedBy: 'api:test',
    });
    // What the job's call did at Stripe before its answer was lost (and the job gave up).
    await t.stripe.refunds.create(
      {
        payment_intent: intent.id,
        amount: 400,
        metadata: { order_id: order.id, request_id: 'req-answer-lost' },
      },
      { idempotencyKey: 'refund-request:req-answer-lost' },
    );
    await flush();
    expect(await viewRefundRequest({ store }, 'req-answer-lost')).toMatchObject({
      status: 'succeeded',
      refund_id: expect.stringMatching(/^re_/),
      amount: 400,
    });
    // And when the job runs after all, the same idempotency key makes no second refund.
    expect(await runJob(worker(), jobIds.refund('req-answer-lost'))).toBe('succeeded');
    expect(await refundsAtStripe(intent.id)).toHaveLength(1);
  });
});

describe('immediate refunds', () => {
  it('refuses an over-refund, a malformed target and an unpaid order without calling Stripe', async () => {
    const { intent, order } = await paidOrder();
    const now = (amount: number | null, target: Parameters<typeof refundNow>[1]['target']) =>
      refundNow(deps, { target, amount, reason: null, idempotencyKey: crypto.randomUUID() });
    expect(await now(order.total + 1, { orderId: order.id })).toEqual({
      ok: false,
      status: 422,
      message: `At most $${(order.total / 100).toFixed(2)} is left to refund; $${((order.total + 1) / 100).toFixed(2)} is too much.`,
      field: 'amount',
    });
    expect(await now(null, { orderId: 'ord_doesnotexist' })).toMatchObject({ status: 404 });
    expect(await now(null, { paymentIntentId: 'pi_doesnotexist' })).toMatchObject({
      status: 404,
      field: 'payment_intent_id',
    });
    expect(await refundCalls()).toEqual([]);

    expect(await now(1000, { paymentIntentId: intent.id })).toMatchObject({
      ok: true,
      refund: { amount: 1000, status: 'succeeded' },
    });
    expect(await now(order.total - 999, { orderId: order.id })).toMatchObject({
      ok: false,
      status: 422,
      field: 'amount',
    });
    expect(await refundCalls()).toHaveLength(1);
  });

  it('makes one refund of a form sent twice (one idempotency key)', async () => {
    const { order } = await paidOrder();
    const input = {
      target: { orderId: order.id },
      amount: 500,
      reason: null,
      idempotencyKey: 'k1',
    };
    const [a, b] = await Promise.all([refundNow(deps, input), refundNow(deps, input)]);
    expect(a.ok && b.ok && a.refund.id === b.refund.id).toBe(true);
    expect((await getOrder(store, order.id))?.refunds).toHaveLength(1);
  });
});

describe('status follows Stripe', () => {
  it('shows a pending refund that later succeeds, and one that later fails', async () => {
    const pending = await paidOrder('pm_card_pendingRefund');
    const result = await refundNow(deps, {
      target: { orderId: pending.order.id },
      amount: 700,
      reason: null,
      idempotencyKey: 'pending-one',
    });
    expect(result).toMatchObject({ ok: true, refund: { status: 'pending' } });
    expect(await getOrder(store, pending.order.id)).toMatchObject({
      status: 'partially_refunded',
      refunded: 700,
    });

    const failing = await paidOrder('pm_card_refundFail');
    await refundNow(deps, {
      target: { orderId: failing.order.id },
      amount: 900,
      reason: null,
      idempotencyKey: 'failing-one',
    });
    expect(await getOrder(store, failing.order.id)).toMatchObject({
      status: 'partially_refunded',
      refunded: 900,
    });

    await t.control('POST', 'refunds/settle');
    await flush();
    expect(await getOrder(store, pending.order.id)).toMatchObject({
      status: 'partially_refunded',
      refunded: 700,
      refunds: [expect.objectContaining({ status: 'succeeded' })],
    });
    const failed = await getOrder(store, failing.order.id);
    expect(failed).toMatchObject({ status: 'paid', refunded: 0 });
    expect(failed?.refunds).toEqual([
      expect.objectContaining({ status: 'failed', failureReason: 'expired_or_canceled_card' }),
    ]);
    // Stale reports of the old status, arriving late, change nothing.
    const events = await t.control<{ data: Array<{ id: string }> }>('GET', 'events');
    await Promise.all(events.data.map((e) => t.control('POST', `events/${e.id}/resend`)));
    await flush();
    expect(await getOrder(store, failing.order.id)).toMatchObject({ status: 'paid', refunded: 0 });
  });

  it('shows refunds made in the Stripe dashboard, and mails the shopper once per refund', async () => {
    const { intent, order } = await paidOrder();
    await t.stripe.refunds.create({ payment_intent: intent.id, amount: 300 });
    await t.stripe.refunds.create({ payment_intent: intent.id });
    await flush();
    const after = await getOrder(store, order.id);
    expect(after).toMatchObject({ status: 'refunded', refunded: order.total });
    expect(after?.refunds.map((r) => r.amount).sort((x, y) => x - y)).toEqual([
      300,
      order.total - 300,
    ]);
    const notices = after!.refunds.map((r) => jobIds.refundNotice(r.refundId));
    const jobs = worker();
    await sweepJobs(jobs);
    expect(await Promise.all(notices.map(async (id) => (await getJob(store, id))?.status))).toEqual(
      ['succeeded', 'succeeded'],
    );
    const inbox = (await (await fetch(`${mail.url}/api/v1/messages`)).json()) as {
      messages: Array<{ Subject: string }>;
    };
    expect(inbox.messages.filter((m) => m.Subject.startsWith('Refund of'))).toHaveLength(2);
  });
});

describe('the orders index', () => {
  it('stays right through concurrent payments and refunds', async () => {
    const paid = await Promise.all(Array.from({ length: 12 }, () => paidOrder()));
    await Promise.all(
      paid.map(({ order }, i) =>
        i % 3 === 0
          ? refundNow(deps, {
              target: { orderId: order.id },
              amount: null,
              reason: null,
              idempotencyKey: `full-${i}`,
            })
          : i % 3 === 1
            ? refundNow(deps, {
                target: { orderId: order.id },
                amount: 100,
                reason: null,
                idempotencyKey: `part-${i}`,
              })
            : Promise.resolve(null),
      ),
    );
    await flush();
    const ids = (status: 'paid' | 'partially_refunded' | 'refunded') =>
      listOrders(store, { status, limit: 50 }).then((page) => page.orders.map((o) => o.id).sort());
    const expected = (remainder: number) =>
      paid
        .filter((_, i) => i % 3 === remainder)
        .map(({ order }) => order.id)
        .sort();
    expect(await ids('refunded')).toEqual(expected(0));
    expect(await ids('partially_refunded')).toEqual(expected(1));
    expect(await ids('paid')).toEqual(expected(2));
    const all = await listOrders(store, { limit: 50 });
    expect(all.orders).toHaveLength(12);
    const scores = all.orders.map((o) => BigInt(o.score));
    expect(scores).toEqual([...scores].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
  });
});
