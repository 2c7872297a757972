import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestStripe, startWebhookReceiver, type TestStripe } from '../helpers/stripe-emulator';

/*
 * Contract tests for refunds as Stripe makes them: the asynchronous refund
 * test cards ("Simulate an asynchronous refund" on docs.stripe.com/testing),
 * the events each change sends, Stripe's refusals, lists and idempotent
 * replays. Like tests/integration/stripe-emulator.test.ts, they run against
 * the emulator unless STRIPE_CONTRACT_KEY holds a Stripe test-mode key:
 *
 *   STRIPE_CONTRACT_KEY=sk_test_… npx vitest run tests/integration/stripe-refunds.test.ts
 *
 * Against Stripe, events are read through the Events API instead of webhook
 * deliveries, "some time later" is waited for by polling, and the tests that
 * drive the emulator's refund schedule and clock are skipped.
 */
const CONTRACT_KEY = process.env.STRIPE_CONTRACT_KEY?.trim() || undefined;
if (CONTRACT_KEY !== undefined && !/^(sk|rk)_test_/.test(CONTRACT_KEY)) {
  throw new Error(
    'STRIPE_CONTRACT_KEY must be a Stripe test-mode key (sk_test_… or rk_test_…). Refusing to run the contract suite with any other key, so that it can never touch live mode.',
  );
}
const onStripe = CONTRACT_KEY !== undefined;
const onEmulator = !onStripe;
/** How long Stripe may take for "some time later", and for its events to be listed. */
const STRIPE_SETTLE_TIMEOUT_MS = 180_000;
if (onStripe) vi.setConfig({ testTimeout: 2 * STRIPE_SETTLE_TIMEOUT_MS, hookTimeout: 60_000 });

const RETURN_URL = 'https://shop.example/return';
/** Idempotency keys live 24 hours in a Stripe account, so every run needs its own. */
const RUN = randomUUID().slice(0, 8);
/** So that nothing settles behind a test's back on the emulator; tests settle on purpose. */
const HELD_MS = 10 * 60_000;
const FAILURE_REASON = 'expired_or_canceled_card';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
type Schedule = {
  settleDelayMs: number;
  pending: Array<{ refund: string; status: string | null; settlesAt: number }>;
};

let emulator: TestStripe | undefined;
let receiver: Receiver | undefined;
let stripe: Stripe;

function emu(): TestStripe {
  if (!emulator) throw new Error('This check needs the emulator and must not run against Stripe.');
  return emulator;
}

function webhooks(): Receiver {
  if (!receiver) throw new Error('Webhook deliveries are received from the emulator only.');
  return receiver;
}

/** A fresh emulator delivering every event to the receiver; refunds held, or on its defaults. */
async function resetEmulator({ holdRefunds = true } = {}): Promise<void> {
  const t = emu();
  await t.control('POST', 'reset');
  webhooks().received.length = 0;
  await t.control('POST', 'webhooks', { url: webhooks().url, enabled: true });
  if (holdRefunds) await t.control('POST', 'refunds', { settleDelayMs: HELD_MS });
}

beforeAll(async () => {
  if (CONTRACT_KEY !== undefined) {
    stripe = new Stripe(CONTRACT_KEY, { telemetry: false });
    return;
  }
  receiver = await startWebhookReceiver();
  emulator = await startTestStripe();
  stripe = emulator.stripe;
});
afterAll(async () => {
  await emulator?.close();
  await receiver?.close();
});
beforeEach(async () => {
  if (onEmulator) await resetEmulator();
});

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, onStripe ? 2000 : 50));
  }
}

/** Card details as Stripe.js's card field sends them; the SDK's types leave raw numbers out. */
const cardData = (number: string) =>
  ({
    type: 'card',
    card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
  }) as Stripe.PaymentIntentCreateParams.PaymentMethodData;

type Payment = { label: string; params: Partial<Stripe.PaymentIntentCreateParams> };

/** Its alias everywhere; its number too on the emulator (Stripe refuses raw numbers). */
const paymentsWith = (number: string, alias: string): Payment[] => [
  { label: alias, params: { payment_method: alias } },
  ...(onEmulator ? [{ label: number, params: { payment_method_data: cardData(number) } }] : []),
];

async function paidIntent(params: Partial<Stripe.PaymentIntentCreateParams>) {
  const intent = await stripe.paymentIntents.create({
    amount: 2599,
    currency: 'usd',
    automatic_payment_methods: { enabled: true },
    confirm: true,
    return_url: RETURN_URL,
    ...params,
  });
  return { intent, chargeId: intent.latest_charge as string };
}

/**
 * Brings a refund to its final status: the emulator's settle route (a test
 * decides when "some time later" is), or waiting for Stripe to get there.
 */
async function settle(refund: Stripe.Refund): Promise<Stripe.Refund> {
  if (onEmulator) {
    const { settled } = await emu().control<{ settled: string[] }>('POST', 'refunds/settle');
    expect(settled).toContain(refund.id);
    return stripe.refunds.retrieve(refund.id);
  }
  return until(
    () => stripe.refunds.retrieve(refund.id),
    (current) => current.status !== refund.status,
    STRIPE_SETTLE_TIMEOUT_MS,
  );
}

const isRefundEvent = (type: string) =>
  type.startsWith('refund.') || type === 'charge.refunded' || type === 'charge.refund.updated';
const isAbout = (event: Stripe.Event, ids: string[]) =>
  ids.includes((event.data.object as { id: string }).id);

/**
 * The refund events about these objects, oldest first: webhook deliveries
 * from the emulator (signatures checked), the Events API from Stripe.
 */
async function refundEvents(
  ids: string[],
  done: (events: Stripe.Event[]) => boolean,
): Promise<Stripe.Event[]> {
  const wanted = (event: Stripe.Event) => isRefundEvent(event.type) && isAbout(event, ids);
  if (onEmulator) {
    await emu().control('POST', 'webhooks/flush', { timeoutMs: 5000 });
    const delivered = webhooks().received;
    expect(delivered.every((d) => d.verified)).toBe(true);
    return delivered.map((d) => d.event).filter(wanted);
  }
  const since = Math.floor(Date.now() / 1000) - 15 * 60;
  return until(
    async () => {
      const events: Stripe.Event[] = [];
      for await (const event of stripe.events.list({ created: { gte: since }, limit: 100 })) {
        if (wanted(event)) events.push(event);
      }
      return events.reverse();
    },
    done,
    STRIPE_SETTLE_TIMEOUT_MS,
  );
}

const refundOf = (event: Stripe.Event) => event.data.object as Stripe.Refund;
const ofType = (events: Stripe.Event[], type: string) => events.filter((e) => e.type === type);
const hasStatus = (events: Stripe.Event[], type: string, status: string) =>
  ofType(events, type).some((e) => refundOf(e).status === status);

async function refusal(params: Stripe.RefundCreateParams): Promise<Stripe.errors.StripeError> {
  const error = (await stripe.refunds.create(params).catch((e: unknown) => e)) as unknown;
  expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  return error as Stripe.errors.StripeError;
}

describe('a refund that starts pending and later succeeds (4000000000007726)', () => {
  it.each(paymentsWith('4000000000007726', 'pm_card_pendingRefund'))(
    'paid with $label',
    async ({ params }) => {
      const { intent, chargeId } = await paidIntent(params);
      expect(intent.status).toBe('succeeded');
      const refund = await stripe.refunds.create({
        payment_intent: intent.id,
        metadata: { order_id: `order-${RUN}` },
      });
      expect(refund).toMatchObject({
        status: 'pending',
        amount: 2599,
        charge: chargeId,
        payment_intent: intent.id,
        metadata: { order_id: `order-${RUN}` },
      });
      expect(refund).not.toHaveProperty('failure_reason');

      // While pending, the refund already counts: nothing is left to refund.
      expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
        amount_refunded: 2599,
        refunded: true,
      });
      expect((await refusal({ charge: chargeId })).message).toBe(
        `Charge ${chargeId} has already been refunded.`,
      );
      expect((await stripe.refunds.retrieve(refund.id)).status).toBe('pending');

      const settled = await settle(refund);
      expect(settled).toMatchObject({ id: refund.id, status: 'succeeded' });
      expect(settled.metadata).toEqual({ order_id: `order-${RUN}` });
      expect(settled).not.toHaveProperty('failure_reason');
      for (const list of [
        await stripe.refunds.list({ charge: chargeId }),
        await stripe.refunds.list({ payment_intent: intent.id }),
      ]) {
        expect(list.data.map((r) => [r.id, r.status])).toEqual([[refund.id, 'succeeded']]);
      }
      expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
        amount_refunded: 2599,
        refunded: true,
      });

      const events = await refundEvents(
        [refund.id, chargeId],
        (found) =>
          hasStatus(found, 'refund.updated', 'succeeded') &&
          hasStatus(found, 'charge.refund.updated', 'succeeded') &&
          ofType(found, 'charge.refunded').length > 0,
      );
      expect(ofType(events, 'refund.created').map((e) => refundOf(e).status)).toEqual(['pending']);
      const chargeRefunded = ofType(events, 'charge.refunded')[0]!.data.object as Stripe.Charge;
      expect(chargeRefunded).toMatchObject({ id: chargeId, amount_refunded: 2599 });
      const updated = ofType(events, 'refund.updated').find(
        (e) => refundOf(e).status === 'succeeded',
      )!;
      expect(updated.data.previous_attributes).toMatchObject({ status: 'pending' });
      expect(updated.request?.id ?? null).toBeNull();
      expect(hasStatus(events, 'charge.refund.updated', 'succeeded')).toBe(true);
      expect(ofType(events, 'refund.failed')).toEqual([]);
      if (onEmulator) {
        expect(events.map((e) => e.type)).toEqual([
          'refund.created',
          'charge.refunded',
          'refund.updated',
          'charge.refund.updated',
        ]);
      }
    },
  );

  it('holds its amount: a second refund may take only what is left', async () => {
    const { intent, chargeId } = await paidIntent({ payment_method: 'pm_card_pendingRefund' });
    const first = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
    expect(first.status).toBe('pending');
    const over = await refusal({ payment_intent: intent.id, amount: 600 });
    expect(over).toMatchObject({
      statusCode: 400,
      param: 'amount',
      message: 'Refund amount ($6.00) is greater than unrefunded amount on charge ($5.99)',
    });
    const rest = await stripe.refunds.create({ charge: chargeId });
    expect(rest).toMatchObject({ amount: 599, status: 'pending' });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
      amount_refunded: 2599,
      refunded: true,
    });
  });
});

describe('a refund that starts succeeded and later fails (4000000000005126)', () => {
  it.each(paymentsWith('4000000000005126', 'pm_card_refundFail'))(
    'paid with $label',
    async ({ params }) => {
      const { intent, chargeId } = await paidIntent(params);
      const refund = await stripe.refunds.create({
        charge: chargeId,
        reason: 'requested_by_customer',
        metadata: { order_id: `order-${RUN}` },
      });
      expect(refund).toMatchObject({
        status: 'succeeded',
        amount: 2599,
        reason: 'requested_by_customer',
        metadata: { order_id: `order-${RUN}` },
      });
      expect(refund).not.toHaveProperty('failure_reason');
      expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
        amount_refunded: 2599,
        refunded: true,
      });

      const failed = await settle(refund);
      expect(failed).toMatchObject({
        id: refund.id,
        status: 'failed',
        failure_reason: FAILURE_REASON,
        metadata: { order_id: `order-${RUN}` },
      });
      expect(failed.failure_balance_transaction).toEqual(expect.stringMatching(/^txn_/));
      expect(
        (await stripe.refunds.list({ payment_intent: intent.id })).data.map((r) => r.status),
      ).toEqual(['failed']);
      // The failed refund gives its amount back to the charge.
      expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
        amount_refunded: 0,
        refunded: false,
      });

      const events = await refundEvents(
        [refund.id, chargeId],
        (found) =>
          ofType(found, 'refund.failed').length > 0 &&
          hasStatus(found, 'refund.updated', 'failed') &&
          hasStatus(found, 'charge.refund.updated', 'failed'),
      );
      expect(ofType(events, 'refund.created').map((e) => refundOf(e).status)).toEqual([
        'succeeded',
      ]);
      expect(ofType(events, 'refund.failed').map((e) => refundOf(e))).toEqual([
        expect.objectContaining({
          id: refund.id,
          status: 'failed',
          failure_reason: FAILURE_REASON,
        }),
      ]);
      const updated = ofType(events, 'refund.updated').find(
        (e) => refundOf(e).status === 'failed',
      )!;
      expect(updated.data.previous_attributes).toMatchObject({ status: 'succeeded' });
      expect(hasStatus(events, 'charge.refund.updated', 'failed')).toBe(true);
      if (onEmulator) {
        expect(events.map((e) => e.type)).toEqual([
          'refund.created',
          'charge.refunded',
          'refund.updated',
          'charge.refund.updated',
          'refund.failed',
        ]);
      }

      // What failed is refundable again.
      const again = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
      expect(again).toMatchObject({ status: 'succeeded', amount: 1000 });
      expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
        amount_refunded: 1000,
        refunded: false,
      });
    },
  );
});

describe('cards without an asynchronous outcome', () => {
  it('refund at once and stay as they are', async () => {
    const { intent } = await paidIntent({ payment_method: 'pm_card_visa' });
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    expect(refund.status).toBe('succeeded');
    if (onEmulator) {
      const schedule = await emu().control<Schedule>('GET', 'refunds');
      expect(schedule.pending).toEqual([]);
      await emu().control('POST', 'clock', { advanceSeconds: 3600 });
    }
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
  });
});

describe('refusals', () => {
  const notPaid = (id: string) =>
    `This PaymentIntent (${id}) does not have a successful charge to refund.`;

  it('refuses an intent not yet paid', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2599, currency: 'usd' });
    const error = await refusal({ payment_intent: intent.id });
    expect(error).toMatchObject({ statusCode: 400, message: notPaid(intent.id) });
    expect(error.code ?? null).toBeNull();
  });

  it('refuses an intent whose payment was declined, by intent and by charge', async () => {
    const declined = (await paidIntent({ payment_method: 'pm_card_visa_chargeDeclined' }).catch(
      (e: unknown) => e,
    )) as Stripe.errors.StripeCardError;
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    const intentId = declined.payment_intent!.id;
    expect((await refusal({ payment_intent: intentId })).message).toBe(notPaid(intentId));
    expect((await refusal({ charge: declined.charge! })).message).toBe(notPaid(intentId));
  });

  it('refuses a canceled intent', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2599, currency: 'usd' });
    await stripe.paymentIntents.cancel(intent.id);
    const error = await refusal({ payment_intent: intent.id });
    expect(error).toMatchObject({ statusCode: 400, message: notPaid(intent.id) });
    expect(error.code ?? null).toBeNull();
  });

  it('refuses an authorization not yet captured, and once it is canceled', async () => {
    const { intent, chargeId } = await paidIntent({
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
    });
    expect(intent.status).toBe('requires_capture');
    const uncaptured =
      `This uncaptured Charge was created by a PaymentIntent (${intent.id}). You must cancel the ` +
      'PaymentIntent to reverse the authorization instead of refunding the Charge directly. For ' +
      'more information, see https://stripe.com/docs/payments/place-a-hold-on-a-payment-method';
    for (const params of [{ payment_intent: intent.id }, { charge: chargeId }]) {
      const error = await refusal(params);
      expect(error).toMatchObject({ statusCode: 400, message: uncaptured });
      expect(error.code ?? null).toBeNull();
    }
    await stripe.paymentIntents.cancel(intent.id);
    for (const params of [{ payment_intent: intent.id }, { charge: chargeId }]) {
      expect((await refusal(params)).message).toBe(notPaid(intent.id));
    }
    expect((await stripe.refunds.list({ payment_intent: intent.id })).data).toEqual([]);
  });
});

describe('idempotency', () => {
  it('replays the refund as first answered, with no second refund', async () => {
    const { intent } = await paidIntent({ payment_method: 'pm_card_pendingRefund' });
    const idempotencyKey = `refund-${RUN}`;
    const first = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey });
    expect(first.status).toBe('pending');
    await settle(first);
    const again = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey });
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    // Stripe saves the response; the refund has moved on since.
    expect(again).toMatchObject({ id: first.id, status: 'pending' });
    expect((await stripe.refunds.retrieve(first.id)).status).toBe('succeeded');
    expect((await stripe.refunds.list({ payment_intent: intent.id })).data).toHaveLength(1);
    if (onEmulator) {
      const events = await refundEvents([first.id], () => true);
      expect(ofType(events, 'refund.created')).toHaveLength(1);
    }
  });
});

// Emulator only: when "some time later" is, which only the emulator lets a test decide.
describe.skipIf(onStripe)('the emulator’s refund schedule', () => {
  afterEach(async () => {
    await emu().control('POST', 'refunds', { settleDelayMs: HELD_MS });
  });

  it('settles by itself shortly after, with no request, by default', async () => {
    await resetEmulator({ holdRefunds: false });
    const schedule = await emu().control<Schedule>('GET', 'refunds');
    expect(schedule.settleDelayMs).toBeGreaterThanOrEqual(1000);
    expect(schedule.settleDelayMs).toBeLessThanOrEqual(2000);

    const { intent } = await paidIntent({ payment_method: 'pm_card_pendingRefund' });
    const created = Date.now();
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    expect(refund.status).toBe('pending');
    const requests = async () =>
      (await emu().control<{ data: unknown[] }>('GET', 'requests')).data.length;
    const before = await requests();

    const delivered = await until(
      async () =>
        webhooks().received.find(
          (d) => d.event.type === 'refund.updated' && refundOf(d.event).id === refund.id,
        ),
      (found) => found !== undefined,
      5000,
    );
    expect(delivered).toBeDefined();
    expect(refundOf(delivered!.event).status).toBe('succeeded');
    expect(delivered!.at - created).toBeGreaterThanOrEqual(1000);
    // Nobody asked the API anything while it settled.
    expect(await requests()).toBe(before);
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
  });

  it('settles once the emulator clock passes the settle time', async () => {
    await emu().control('POST', 'refunds', { settleDelayMs: 60_000 });
    const { chargeId } = await paidIntent({ payment_method: 'pm_card_refundFail' });
    const refund = await stripe.refunds.create({ charge: chargeId });
    const [entry] = (await emu().control<Schedule>('GET', 'refunds')).pending;
    expect(entry).toMatchObject({ refund: refund.id, status: 'succeeded' });
    expect(entry!.settlesAt).toBeCloseTo(refund.created + 60, -1);

    const early = await emu().control<{ settledRefunds: string[] }>('POST', 'clock', {
      advanceSeconds: 30,
    });
    expect(early.settledRefunds).toEqual([]);
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');

    const late = await emu().control<{ settledRefunds: string[] }>('POST', 'clock', {
      advanceSeconds: 31,
    });
    expect(late.settledRefunds).toEqual([refund.id]);
    expect(await stripe.refunds.retrieve(refund.id)).toMatchObject({
      status: 'failed',
      failure_reason: FAILURE_REASON,
    });
    expect((await emu().control<Schedule>('GET', 'refunds')).pending).toEqual([]);
  });

  it('settles every pending refund at once on request, and forgets them on reset', async () => {
    const pending = await paidIntent({ payment_method: 'pm_card_pendingRefund' });
    const failing = await paidIntent({ payment_method: 'pm_card_refundFail' });
    const a = await stripe.refunds.create({ payment_intent: pending.intent.id });
    const b = await stripe.refunds.create({ payment_intent: failing.intent.id });
    expect(
      (await emu().control<Schedule>('GET', 'refunds')).pending.map((p) => p.refund).sort(),
    ).toEqual([a.id, b.id].sort());
    const { settled } = await emu().control<{ settled: string[] }>('POST', 'refunds/settle');
    expect(settled.sort()).toEqual([a.id, b.id].sort());
    expect((await stripe.refunds.retrieve(a.id)).status).toBe('succeeded');
    expect((await stripe.refunds.retrieve(b.id)).status).toBe('failed');
    expect((await emu().control<{ settled: string[] }>('POST', 'refunds/settle')).settled).toEqual(
      [],
    );

    const c = await stripe.refunds.create({
      payment_intent: (await paidIntent({ payment_method: 'pm_card_pendingRefund' })).intent.id,
    });
    expect(c.status).toBe('pending');
    await emu().control('POST', 'reset');
    expect(await emu().control<Schedule>('GET', 'refunds')).toEqual({
      settleDelayMs: expect.any(Number) as number,
      pending: [],
    });
  });
});
