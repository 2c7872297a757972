import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  sdkFor,
  startTestStripe,
  startWebhookReceiver,
  TEST_PUBLISHABLE_KEY,
  type TestStripe,
} from '../helpers/stripe-emulator';

type Intent = Stripe.PaymentIntent;
type RequestLog = {
  data: Array<{ path: string; idempotencyKey: string | null; replayed: boolean; status: number }>;
};

let t: TestStripe;
let stripe: Stripe;

beforeAll(async () => {
  t = await startTestStripe();
  stripe = t.stripe;
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.control('POST', 'reset');
});

const newIntent = (
  params: Partial<Stripe.PaymentIntentCreateParams> = {},
  options?: Stripe.RequestOptions,
) =>
  stripe.paymentIntents.create(
    { amount: 2599, currency: 'usd', automatic_payment_methods: { enabled: true }, ...params },
    options,
  );

async function countIntents(cartId: string): Promise<number> {
  return (await t.control<{ data: Intent[] }>('GET', `payment_intents?metadata[cart_id]=${cartId}`))
    .data.length;
}

async function eventTypes(): Promise<string[]> {
  return (await t.control<{ data: Stripe.Event[] }>('GET', 'events')).data.map((e) => e.type);
}

describe('idempotency', () => {
  it('replays the first outcome of a key, with the replay header and no new side effects', async () => {
    const first = await newIntent(
      { metadata: { cart_id: 'cart-1' } },
      { idempotencyKey: 'cart-1' },
    );
    const eventsBefore = await eventTypes();
    const again = await newIntent(
      { metadata: { cart_id: 'cart-1' } },
      { idempotencyKey: 'cart-1' },
    );
    expect(again.id).toBe(first.id);
    expect(again.client_secret).toBe(first.client_secret);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(again.lastResponse.requestId).not.toBe(first.lastResponse.requestId);
    expect(again.lastResponse.idempotencyKey).toBe('cart-1');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(await countIntents('cart-1')).toBe(1);
    expect(await eventTypes()).toEqual(eventsBefore);
  });

  it('refuses the same key with other parameters or on another endpoint', async () => {
    await newIntent({}, { idempotencyKey: 'key-a' });
    const mismatch = await newIntent({ amount: 2600 }, { idempotencyKey: 'key-a' }).catch(
      (e: unknown) => e,
    );
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((mismatch as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((mismatch as Error).message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'key-a' if you meant to execute a different request.",
    );
    const other = await stripe.refunds
      .create({ payment_intent: 'pi_x' }, { idempotencyKey: 'key-a' })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((other as Error).message).toMatch(
      /same endpoint they were first used for \('\/v1\/payment_intents' vs '\/v1\/refunds'\)/,
    );
  });

  it('answers 409 to a request racing the first with the same key, and the SDK retries it to the same intent', async () => {
    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/payment_intents',
      delayMs: 300,
      count: 1,
    });
    const noRetries = sdkFor(t.server, { maxNetworkRetries: 0 });
    const slow = newIntent({ metadata: { cart_id: 'race' } }, { idempotencyKey: 'race-key' });
    await new Promise((r) => setTimeout(r, 50));
    const raced = await noRetries.paymentIntents
      .create(
        {
          amount: 2599,
          currency: 'usd',
          automatic_payment_methods: { enabled: true },
          metadata: { cart_id: 'race' },
        },
        { idempotencyKey: 'race-key' },
      )
      .catch((e: unknown) => e);
    // stripe-node 21+ maps a 409 to StripeAPIError (it retries 409s itself).
    expect(raced).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((raced as Stripe.errors.StripeError).statusCode).toBe(409);
    expect((raced as Stripe.errors.StripeError).code).toBe('idempotency_key_in_use');

    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/payment_intents',
      delayMs: 300,
      count: 1,
    });
    const [a, b] = await Promise.all([
      newIntent({ metadata: { cart_id: 'race2' } }, { idempotencyKey: 'race-key-2' }),
      new Promise((r) => setTimeout(r, 50)).then(() =>
        newIntent({ metadata: { cart_id: 'race2' } }, { idempotencyKey: 'race-key-2' }),
      ),
    ]);
    expect(b.id).toBe(a.id);
    expect(await countIntents('race2')).toBe(1);
    await slow;
  });

  it('turns a lost response (500 after the work was done) into exactly one intent through SDK retries', async () => {
    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/payment_intents',
      status: 500,
      afterExecution: true,
      count: 1,
    });
    const intent = await newIntent({ metadata: { cart_id: 'lost' } });
    expect(intent.status).toBe('requires_payment_method');
    expect(await countIntents('lost')).toBe(1);
    const log = await t.control<RequestLog>('GET', 'requests');
    const creates = log.data.filter((r) => r.path === '/v1/payment_intents');
    expect(creates.map((r) => [r.status, r.replayed])).toEqual([
      [500, false],
      [200, true],
    ]);
    expect(creates[0]?.idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(creates[1]?.idempotencyKey).toBe(creates[0]?.idempotencyKey);
  });

  it('also replays a dropped connection after the work was done', async () => {
    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/payment_intents',
      reset: true,
      afterExecution: true,
      count: 1,
    });
    await newIntent({ metadata: { cart_id: 'reset' } });
    expect(await countIntents('reset')).toBe(1);
  });

  it('saves a 402 decline and replays it', async () => {
    const intent = await newIntent();
    const first = await stripe.paymentIntents
      .confirm(
        intent.id,
        { payment_method: 'pm_card_visa_chargeDeclined' },
        { idempotencyKey: 'confirm-1' },
      )
      .catch((e: unknown) => e);
    const again = await stripe.paymentIntents
      .confirm(
        intent.id,
        { payment_method: 'pm_card_visa_chargeDeclined' },
        { idempotencyKey: 'confirm-1' },
      )
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(again).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((again as Stripe.errors.StripeError).headers?.['idempotent-replayed']).toBe('true');
    expect((await stripe.charges.list({ payment_intent: intent.id })).data).toHaveLength(1);
  });

  it('does not save parameter errors, so a corrected retry with the same key runs', async () => {
    const bad = await newIntent({ amount: 10 }, { idempotencyKey: 'fix-me' }).catch(
      (e: unknown) => e,
    );
    expect((bad as Stripe.errors.StripeError).code).toBe('amount_too_small');
    const bad2 = await newIntent({ amount: 11 }, { idempotencyKey: 'fix-me' }).catch(
      (e: unknown) => e,
    );
    expect((bad2 as Stripe.errors.StripeError).code).toBe('amount_too_small');
  });

  it('forgets keys after 24 hours of the emulator clock', async () => {
    const first = await newIntent({ metadata: { cart_id: 'old' } }, { idempotencyKey: 'old-key' });
    await t.control('POST', 'clock', { advanceSeconds: 23 * 3600 });
    expect(
      (await newIntent({ metadata: { cart_id: 'old' } }, { idempotencyKey: 'old-key' })).id,
    ).toBe(first.id);
    await t.control('POST', 'clock', { advanceSeconds: 2 * 3600 });
    const later = await newIntent({ metadata: { cart_id: 'old' } }, { idempotencyKey: 'old-key' });
    expect(later.id).not.toBe(first.id);
    expect(await countIntents('old')).toBe(2);
  });
});

describe('test cards', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
  ])('%s succeeds', async (number, brand) => {
    const intent = await newIntent();
    const confirmed = await stripe.paymentIntents.confirm(intent.id, {
      payment_method_data: {
        type: 'card',
        card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
      } as Stripe.PaymentIntentConfirmParams.PaymentMethodData,
    });
    expect(confirmed).toMatchObject({
      status: 'succeeded',
      amount_received: 2599,
      last_payment_error: null,
    });
    const charge = await stripe.charges.retrieve(confirmed.latest_charge as string);
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      captured: true,
      amount_captured: 2599,
      payment_intent: intent.id,
    });
    expect(charge.payment_method_details?.card).toMatchObject({ brand, last4: number.slice(-4) });
  });

  it.each([
    [
      '4000000000000002',
      'pm_card_visa_chargeDeclined',
      'card_declined',
      'generic_decline',
      'Your card was declined.',
    ],
    [
      '4000000000009995',
      'pm_card_visa_chargeDeclinedInsufficientFunds',
      'card_declined',
      'insufficient_funds',
      'Your card has insufficient funds.',
    ],
    [
      '4000000000000069',
      'pm_card_chargeDeclinedExpiredCard',
      'expired_card',
      'expired_card',
      'Your card has expired.',
    ],
    [
      '4000000000000127',
      'pm_card_chargeDeclinedIncorrectCvc',
      'incorrect_cvc',
      'incorrect_cvc',
      "Your card's security code is incorrect.",
    ],
  ])('%s declines with %s (also as %s)', async (number, alias, code, declineCode, message) => {
    for (const pay of [
      { payment_method: alias },
      {
        payment_method_data: {
          type: 'card',
          card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
        },
      },
    ]) {
      const intent = await newIntent();
      const error = (await stripe.paymentIntents
        .confirm(intent.id, pay as Stripe.PaymentIntentConfirmParams)
        .catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, code, decline_code: declineCode, message });
      expect(error.payment_intent).toMatchObject({
        id: intent.id,
        status: 'requires_payment_method',
      });
      const after = await stripe.paymentIntents.retrieve(intent.id);
      expect(after.status).toBe('requires_payment_method');
      expect(after.last_payment_error).toMatchObject({
        type: 'card_error',
        code,
        decline_code: declineCode,
        message,
      });
      expect(after.payment_method).toBeNull();
      // The same intent can be paid with another card afterwards.
      expect(
        (await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).status,
      ).toBe('succeeded');
    }
  });

  it.each(['4000002500003155', '4000002760003184'])(
    '%s requires 3D Secure, which can succeed or fail',
    async (number) => {
      const card = {
        type: 'card',
        card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
      } as Stripe.PaymentIntentConfirmParams.PaymentMethodData;
      const intent = await newIntent();
      const pending = await stripe.paymentIntents.confirm(intent.id, {
        payment_method_data: card,
        return_url: 'https://shop.example/return',
      });
      expect(pending.status).toBe('requires_action');
      expect(pending.next_action).toMatchObject({
        type: 'redirect_to_url',
        redirect_to_url: { return_url: 'https://shop.example/return' },
      });

      const secret = pending.client_secret!;
      const ok = await t.browserCall('POST', `/v1/payment_intents/${intent.id}/_authenticate`, {
        key: TEST_PUBLISHABLE_KEY,
        client_secret: secret,
        result: 'success',
      });
      expect(ok).toMatchObject({ status: 200, body: { status: 'succeeded' } });

      const second = await newIntent();
      const viaStripeJs = await t.browserCall('POST', `/v1/payment_intents/${second.id}/confirm`, {
        key: TEST_PUBLISHABLE_KEY,
        client_secret: second.client_secret!,
        use_stripe_sdk: 'true',
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': number,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': '2034',
      });
      expect(viaStripeJs.body).toMatchObject({
        status: 'requires_action',
        next_action: { type: 'use_stripe_sdk' },
      });
      await t.browserCall('POST', `/v1/payment_intents/${second.id}/_authenticate`, {
        key: TEST_PUBLISHABLE_KEY,
        client_secret: second.client_secret!,
        result: 'fail',
      });
      const failed = await stripe.paymentIntents.retrieve(second.id);
      expect(failed.status).toBe('requires_payment_method');
      expect(failed.last_payment_error).toMatchObject({
        code: 'payment_intent_authentication_failure',
        message: expect.stringContaining('failed authentication') as string,
      });
      expect(await eventTypes()).toEqual(
        expect.arrayContaining(['payment_intent.requires_action', 'payment_intent.payment_failed']),
      );
    },
  );

  it('declines a 3D Secure card outright with error_on_requires_action', async () => {
    const intent = await newIntent();
    const error = await stripe.paymentIntents
      .confirm(intent.id, {
        payment_method: 'pm_card_authenticationRequired',
        error_on_requires_action: true,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 402, decline_code: 'authentication_required' });
  });

  it('declines real (live) card numbers in test mode', async () => {
    const intent = await newIntent();
    const error = await stripe.paymentIntents
      .confirm(intent.id, {
        payment_method_data: {
          type: 'card',
          card: { number: '4111111111111111', exp_month: 12, exp_year: 2034 },
        } as Stripe.PaymentIntentConfirmParams.PaymentMethodData,
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/test mode, but used a non test \(live\) card/);
  });
});

describe('the PaymentIntent state machine', () => {
  it('validates creation like Stripe', async () => {
    const cases: Array<
      [
        Partial<Stripe.PaymentIntentCreateParams> & Record<string, unknown>,
        string,
        string | undefined,
      ]
    > = [
      [{ amount: 49 }, 'Amount must be at least $0.50 usd', 'amount_too_small'],
      [{ currency: 'xyz' }, 'Invalid currency: xyz', 'parameter_invalid'],
      [{ surprise: 'x' }, 'Received unknown parameter: surprise', 'parameter_unknown'],
    ];
    for (const [params, message, code] of cases) {
      const error = (await newIntent(params).catch((e: unknown) => e)) as Stripe.errors.StripeError;
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error.message).toContain(message);
      expect(error.code).toBe(code);
    }
    const missing = (await stripe.paymentIntents
      .create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'amount' });
  });

  it('updates what may change and refuses changes after success', async () => {
    const intent = await newIntent({ metadata: { cart_id: 'c', note: 'x' } });
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: 3100,
      metadata: { note: '', order_id: 'o1' },
    });
    expect(updated).toMatchObject({ amount: 3100, metadata: { cart_id: 'c', order_id: 'o1' } });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const refused = (await stripe.paymentIntents
      .update(intent.id, { amount: 100 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(refused.code).toBe('payment_intent_unexpected_state');
    const again = (await stripe.paymentIntents
      .confirm(intent.id, { payment_method: 'pm_card_visa' })
      .catch((e: unknown) => e)) as Error;
    expect(again.message).toBe(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
    const cancel = (await stripe.paymentIntents
      .cancel(intent.id)
      .catch((e: unknown) => e)) as Error;
    expect(cancel.message).toMatch(
      /^You cannot cancel this PaymentIntent because it has a status of succeeded/,
    );
    const missing = (await stripe.paymentIntents
      .retrieve('pi_missing')
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such payment_intent: 'pi_missing'",
    });
  });

  it('cancels, and refuses to confirm a canceled intent', async () => {
    const intent = await newIntent();
    const canceled = await stripe.paymentIntents.cancel(intent.id, {
      cancellation_reason: 'abandoned',
    });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(canceled.canceled_at).toBeGreaterThan(0);
    const error = (await stripe.paymentIntents
      .confirm(intent.id, { payment_method: 'pm_card_visa' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(error.code).toBe('payment_intent_unexpected_state');
    expect(await eventTypes()).toContain('payment_intent.canceled');
  });

  it('holds and captures with capture_method=manual', async () => {
    const intent = await newIntent({
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    expect(intent).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 2599,
      amount_received: 0,
    });
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 2000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 2000 });
  });

  it('lists intents newest first with limit and starting_after', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await newIntent());
    const page = await stripe.paymentIntents.list({ limit: 2 });
    expect(page.data.map((p) => p.id)).toEqual([made[4]!.id, made[3]!.id]);
    expect(page.has_more).toBe(true);
    const next = await stripe.paymentIntents.list({ limit: 3, starting_after: made[3]!.id });
    expect(next.data.map((p) => p.id)).toEqual([made[2]!.id, made[1]!.id, made[0]!.id]);
    expect(next.has_more).toBe(false);
  });
});

describe('refunds', () => {
  it('refunds in parts, refuses over-refunds with Stripe’s messages, and marks the charge', async () => {
    const intent = await newIntent({ confirm: true, payment_method: 'pm_card_visa' });
    const part = await stripe.refunds.create({ payment_intent: intent.id, amount: 599 });
    expect(part).toMatchObject({
      status: 'succeeded',
      amount: 599,
      payment_intent: intent.id,
      charge: intent.latest_charge,
    });
    const over = (await stripe.refunds
      .create({ payment_intent: intent.id, amount: 2001 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(over).toMatchObject({
      statusCode: 400,
      param: 'amount',
      message: 'Refund amount ($20.01) is greater than unrefunded amount on charge ($20.00)',
    });
    const rest = await stripe.refunds.create({ charge: intent.latest_charge as string });
    expect(rest.amount).toBe(2000);
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 2599, refunded: true });
    const again = (await stripe.refunds
      .create({ payment_intent: intent.id })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(again).toMatchObject({
      code: 'charge_already_refunded',
      message: `Charge ${charge.id} has already been refunded.`,
    });
    expect(
      (await stripe.refunds.list({ payment_intent: intent.id })).data.map((r) => r.amount),
    ).toEqual([2000, 599]);
    expect((await eventTypes()).filter((e) => e === 'charge.refunded')).toHaveLength(2);
  });

  it('refuses to refund an intent that did not succeed', async () => {
    const intent = await newIntent();
    const error = (await stripe.refunds
      .create({ payment_intent: intent.id })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/does not have a successful charge to refund/);
  });
});

describe('publishable keys', () => {
  it('read an intent only with its client secret, and without metadata', async () => {
    const intent = await newIntent({ metadata: { cart_id: 'secret-cart' } });
    const path = `/v1/payment_intents/${intent.id}`;
    expect((await t.browserCall('GET', path, { key: TEST_PUBLISHABLE_KEY })).status).toBe(400);
    expect(
      (
        await t.browserCall('GET', path, {
          key: TEST_PUBLISHABLE_KEY,
          client_secret: `${intent.id}_secret_wrong`,
        })
      ).status,
    ).toBe(400);
    const ok = await t.browserCall('GET', path, {
      key: TEST_PUBLISHABLE_KEY,
      client_secret: intent.client_secret!,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id: intent.id,
      amount: 2599,
      status: 'requires_payment_method',
    });
    expect(ok.body).not.toHaveProperty('metadata');
    expect(ok.body).not.toHaveProperty('latest_charge');
  });

  it('cannot create, list or refund, nor pass secret-key-only confirm parameters', async () => {
    const create = await t.browserCall('POST', '/v1/payment_intents', {
      key: TEST_PUBLISHABLE_KEY,
      amount: '1000',
      currency: 'usd',
    });
    expect(create.status).toBe(401);
    expect(JSON.stringify(create.body)).toContain('cannot be made with a publishable API key');
    expect((await t.browserCall('GET', '/v1/charges', { key: TEST_PUBLISHABLE_KEY })).status).toBe(
      401,
    );
    const intent = await newIntent();
    const offSession = await t.browserCall('POST', `/v1/payment_intents/${intent.id}/confirm`, {
      key: TEST_PUBLISHABLE_KEY,
      client_secret: intent.client_secret!,
      payment_method: 'pm_card_visa',
      off_session: 'true',
    });
    expect(offSession.status).toBe(400);
    expect(JSON.stringify(offSession.body)).toContain('can only be used with a secret key');
  });

  it('rejects missing and unknown keys with Stripe’s 401 messages', async () => {
    const none = await fetch(`${t.server.url}/v1/payment_intents`);
    expect(none.status).toBe(401);
    expect(JSON.stringify(await none.json())).toContain('You did not provide an API key');
    const wrong = await new Stripe('sk_live_nope', {
      host: '127.0.0.1',
      port: t.server.port,
      protocol: 'http',
    }).paymentIntents
      .list()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((wrong as Error).message).toMatch(/^Invalid API Key provided: sk_live_\*\*\*\*nope$/);
  });
});

describe('webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    await t.control('POST', 'webhooks', {
      url: receiver.url,
      enabled: true,
      maxAttempts: 4,
      retryBaseDelayMs: 20,
    });
  });
  afterEach(async () => {
    await t.control('POST', 'reset');
    await receiver.close();
  });

  const flush = () => t.control<{ idle: boolean }>('POST', 'webhooks/flush', { timeoutMs: 5000 });

  it('delivers every event signed so that constructEvent accepts it, without holding up the API', async () => {
    await t.control('POST', 'webhooks', { mode: { delayMs: 1000 } });
    const intent = await newIntent({ confirm: true, payment_method: 'pm_card_visa' });
    // The API answered while every delivery was still waiting its turn.
    expect(receiver.received).toHaveLength(0);
    await flush();
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received.map((r) => r.event.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    const succeeded = receiver.received[2]!.event;
    expect((succeeded.data.object as Intent).id).toBe(intent.id);
    expect(succeeded.request).toMatchObject({ id: intent.lastResponse.requestId });
    expect(succeeded).toMatchObject({
      object: 'event',
      api_version: '2026-10-28.endive',
      livemode: false,
      pending_webhooks: 1,
    });
  });

  it('retries failed deliveries with backoff, signing each attempt afresh', async () => {
    receiver.respondWith((attempt) => (attempt < 3 ? 500 : 200));
    await newIntent();
    await flush();
    const deliveries = (
      await t.control<{ data: Array<{ status: string; attempts: Array<{ status: number }> }> }>(
        'GET',
        'deliveries',
      )
    ).data;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'succeeded' });
    expect(deliveries[0]!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('gives up after the last attempt', async () => {
    receiver.respondWith(() => 503);
    await newIntent();
    await flush();
    const [delivery] = (
      await t.control<{ data: Array<{ status: string; attempts: unknown[] }> }>('GET', 'deliveries')
    ).data;
    expect(delivery).toMatchObject({ status: 'failed' });
    expect(delivery!.attempts).toHaveLength(4);
  });

  it('duplicates every event in duplicate mode', async () => {
    await t.control('POST', 'webhooks', { mode: { duplicate: true } });
    await newIntent({ confirm: true, payment_method: 'pm_card_visa' });
    await flush();
    const ids = receiver.received.map((r) => r.event.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(3);
  });

  it('delivers out of order, reproducibly, in shuffle mode', async () => {
    const orders: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await t.control('POST', 'reset');
      receiver.received.length = 0;
      await t.control('POST', 'webhooks', {
        url: receiver.url,
        enabled: true,
        mode: { shuffle: true, shuffleWindowMs: 150, shuffleSeed: 7 },
      });
      await newIntent({
        confirm: true,
        payment_method: 'pm_card_visa',
        metadata: { cart_id: 'a' },
      });
      await newIntent({
        confirm: true,
        payment_method: 'pm_card_visa',
        metadata: { cart_id: 'b' },
      });
      await flush();
      const created = (await t.control<{ data: Stripe.Event[] }>('GET', 'events')).data.map(
        (e) => `${e.type}`,
      );
      const received = receiver.received.map((r) => r.event.type);
      expect([...received].sort()).toEqual([...created].sort());
      expect(received).not.toEqual(created);
      orders.push(received);
    }
    expect(orders[1]).toEqual(orders[0]);
  });

  it('signs with a stale timestamp on request, which constructEvent refuses', async () => {
    await t.control('POST', 'webhooks', { maxAttempts: 1, mode: { staleTimestampSeconds: 600 } });
    await newIntent();
    await flush();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.verified).toBe(false);
  });

  it('drops deliveries in drop mode and resends an event on request', async () => {
    await t.control('POST', 'webhooks', { mode: { dropRate: 1 } });
    await newIntent();
    await flush();
    expect(receiver.received).toHaveLength(0);
    const [event] = (await t.control<{ data: Stripe.Event[] }>('GET', 'events')).data;
    await t.control('POST', 'webhooks', { mode: { dropRate: 0 } });
    await t.control('POST', `events/${event!.id}/resend`);
    await flush();
    expect(receiver.received.map((r) => r.event.id)).toEqual([event!.id]);
  });

  it('serves events through the API too', async () => {
    const intent = await newIntent();
    const events = await stripe.events.list({ type: 'payment_intent.created' });
    expect(events.data).toHaveLength(1);
    const event = await stripe.events.retrieve(events.data[0]!.id);
    expect((event.data.object as Intent).id).toBe(intent.id);
  });
});
