import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  sdkFor,
  startTestStripe,
  startWebhookReceiver,
  TEST_PUBLISHABLE_KEY,
  type TestStripe,
} from '../helpers/stripe-emulator';

/*
 * The emulator's contract suite. It runs against the emulator unless
 * STRIPE_CONTRACT_KEY holds a Stripe test-mode key; then the same scenarios run
 * against api.stripe.com, so a pass there shows the emulator answers as Stripe
 * does. Tests that need something only the emulator has (its control API,
 * clock, fault injection, webhook delivery modes, the Stripe.js stand-in's
 * challenge endpoint, raw card numbers) are skipped in that mode, and checks
 * that rely on emulator internals sit behind `onEmulator`.
 */
const CONTRACT_KEY = process.env.STRIPE_CONTRACT_KEY?.trim() || undefined;
const CONTRACT_PUBLISHABLE_KEY = process.env.STRIPE_CONTRACT_PUBLISHABLE_KEY?.trim() || undefined;
if (CONTRACT_KEY !== undefined && !/^(sk|rk)_test_/.test(CONTRACT_KEY)) {
  throw new Error(
    'STRIPE_CONTRACT_KEY must be a Stripe test-mode key (sk_test_… or rk_test_…). Refusing to run the contract suite with any other key, so that it can never touch live mode.',
  );
}
if (CONTRACT_PUBLISHABLE_KEY !== undefined && !CONTRACT_PUBLISHABLE_KEY.startsWith('pk_test_')) {
  throw new Error(
    'STRIPE_CONTRACT_PUBLISHABLE_KEY must be a Stripe test-mode publishable key (pk_test_…).',
  );
}
const onStripe = CONTRACT_KEY !== undefined;
const onEmulator = !onStripe;
const PUBLISHABLE_KEY = CONTRACT_PUBLISHABLE_KEY ?? TEST_PUBLISHABLE_KEY;
if (onStripe) {
  // Real round trips take hundreds of milliseconds each; some tests make dozens.
  vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
}

/** A server-side confirm needs it with `automatic_payment_methods`, as some of them redirect. */
const RETURN_URL = 'https://shop.example/return';
/** Idempotency keys live 24 hours in a Stripe account, so every run needs its own. */
const RUN = randomUUID().slice(0, 8);
const key = (name: string) => `${name}-${RUN}`;

type Intent = Stripe.PaymentIntent;
type RequestLog = {
  data: Array<{ path: string; idempotencyKey: string | null; replayed: boolean; status: number }>;
};

let emulator: TestStripe | undefined;
let stripe: Stripe;

/** The running emulator, for tests and checks that only make sense there. */
function emu(): TestStripe {
  if (!emulator) throw new Error('This check needs the emulator and must not run against Stripe.');
  return emulator;
}

const apiBase = () => (onStripe ? 'https://api.stripe.com' : emu().server.url);

beforeAll(async () => {
  if (CONTRACT_KEY !== undefined) {
    stripe = new Stripe(CONTRACT_KEY, { telemetry: false });
    return;
  }
  emulator = await startTestStripe();
  stripe = emulator.stripe;
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  if (onEmulator) await emu().control('POST', 'reset');
});

const newIntent = (
  params: Partial<Stripe.PaymentIntentCreateParams> = {},
  options?: Stripe.RequestOptions,
) =>
  stripe.paymentIntents.create(
    {
      amount: 2599,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      ...(params.confirm ? { return_url: RETURN_URL } : {}),
      ...params,
    },
    options,
  );

const confirm = (
  id: string,
  params: Stripe.PaymentIntentConfirmParams,
  options?: Stripe.RequestOptions,
) => stripe.paymentIntents.confirm(id, { return_url: RETURN_URL, ...params }, options);

/** Card details as Stripe.js's card field sends them; the SDK's types leave raw numbers out. */
const cardData = (number: string) =>
  ({
    type: 'card',
    card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
  }) as Stripe.PaymentIntentConfirmParams.PaymentMethodData;

/**
 * The ways to pay with a test card: its alias everywhere, and its number on the
 * emulator too. Stripe refuses raw card numbers unless the account has raw card
 * data enabled, so against Stripe only the alias is used.
 */
const cardPayments = (number: string, alias: string): Stripe.PaymentIntentConfirmParams[] =>
  onStripe
    ? [{ payment_method: alias }]
    : [{ payment_method: alias }, { payment_method_data: cardData(number) }];

async function countIntents(cartId: string): Promise<number> {
  return (
    await emu().control<{ data: Intent[] }>('GET', `payment_intents?metadata[cart_id]=${cartId}`)
  ).data.length;
}

async function eventTypes(): Promise<string[]> {
  return (await emu().control<{ data: Stripe.Event[] }>('GET', 'events')).data.map((e) => e.type);
}

/** Stripe records events a moment after the request that caused them; the emulator at once. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + (onStripe ? 20_000 : 0);
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('idempotency', () => {
  it('replays the first outcome of a key, with the replay header and no new side effects', async () => {
    const first = await newIntent(
      { metadata: { cart_id: 'cart-1' } },
      { idempotencyKey: key('cart-1') },
    );
    const eventsBefore = onEmulator ? await eventTypes() : [];
    const again = await newIntent(
      { metadata: { cart_id: 'cart-1' } },
      { idempotencyKey: key('cart-1') },
    );
    expect(again.id).toBe(first.id);
    expect(again.client_secret).toBe(first.client_secret);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    if (onEmulator) {
      // Stripe documents only Idempotent-Replayed; these headers are the emulator's own record.
      expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
      expect(again.lastResponse.requestId).not.toBe(first.lastResponse.requestId);
      expect(again.lastResponse.idempotencyKey).toBe(key('cart-1'));
      expect(await countIntents('cart-1')).toBe(1);
      expect(await eventTypes()).toEqual(eventsBefore);
    }
  });

  it('refuses the same key with other parameters or on another endpoint', async () => {
    await newIntent({}, { idempotencyKey: key('key-a') });
    const mismatch = await newIntent({ amount: 2600 }, { idempotencyKey: key('key-a') }).catch(
      (e: unknown) => e,
    );
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((mismatch as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((mismatch as Error).message).toBe(
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key('key-a')}' if you meant to execute a different request.`,
    );
    const other = await stripe.refunds
      .create({ payment_intent: 'pi_x' }, { idempotencyKey: key('key-a') })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((other as Error).message).toMatch(
      // Stripe names the current request's endpoint first (stripe/stripe-ruby#598).
      /same endpoint they were first used for \('\/v1\/refunds' vs '\/v1\/payment_intents'\)/,
    );
  });

  // Emulator only: it needs fault injection to hold a request open.
  it.skipIf(onStripe)(
    'answers 409 to a request racing the first with the same key, and the SDK retries it to the same intent',
    async () => {
      const t = emu();
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
    },
  );

  // Emulator only: fault injection.
  it.skipIf(onStripe)(
    'turns a lost response (500 after the work was done) into exactly one intent through SDK retries',
    async () => {
      await emu().control('POST', 'faults', {
        method: 'POST',
        path: '/v1/payment_intents',
        status: 500,
        afterExecution: true,
        count: 1,
      });
      const intent = await newIntent({ metadata: { cart_id: 'lost' } });
      expect(intent.status).toBe('requires_payment_method');
      expect(await countIntents('lost')).toBe(1);
      const log = await emu().control<RequestLog>('GET', 'requests');
      const creates = log.data.filter((r) => r.path === '/v1/payment_intents');
      expect(creates.map((r) => [r.status, r.replayed])).toEqual([
        [500, false],
        [200, true],
      ]);
      expect(creates[0]?.idempotencyKey).toMatch(/^stripe-node-retry-/);
      expect(creates[1]?.idempotencyKey).toBe(creates[0]?.idempotencyKey);
    },
  );

  // Emulator only: fault injection.
  it.skipIf(onStripe)('also replays a dropped connection after the work was done', async () => {
    await emu().control('POST', 'faults', {
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
    const first = await confirm(
      intent.id,
      { payment_method: 'pm_card_visa_chargeDeclined' },
      { idempotencyKey: key('confirm-1') },
    ).catch((e: unknown) => e);
    const again = await confirm(
      intent.id,
      { payment_method: 'pm_card_visa_chargeDeclined' },
      { idempotencyKey: key('confirm-1') },
    ).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(again).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((again as Stripe.errors.StripeError).headers?.['idempotent-replayed']).toBe('true');
    expect((await stripe.charges.list({ payment_intent: intent.id })).data).toHaveLength(1);
  });

  it('does not save parameter errors, so a corrected retry with the same key runs', async () => {
    const bad = await newIntent({ amount: 10 }, { idempotencyKey: key('fix-me') }).catch(
      (e: unknown) => e,
    );
    expect((bad as Stripe.errors.StripeError).code).toBe('amount_too_small');
    const bad2 = await newIntent({ amount: 11 }, { idempotencyKey: key('fix-me') }).catch(
      (e: unknown) => e,
    );
    expect((bad2 as Stripe.errors.StripeError).code).toBe('amount_too_small');
  });

  // Emulator only: it moves the emulator's clock.
  it.skipIf(onStripe)('forgets keys after 24 hours of the emulator clock', async () => {
    const first = await newIntent({ metadata: { cart_id: 'old' } }, { idempotencyKey: 'old-key' });
    await emu().control('POST', 'clock', { advanceSeconds: 23 * 3600 });
    expect(
      (await newIntent({ metadata: { cart_id: 'old' } }, { idempotencyKey: 'old-key' })).id,
    ).toBe(first.id);
    await emu().control('POST', 'clock', { advanceSeconds: 2 * 3600 });
    const later = await newIntent({ metadata: { cart_id: 'old' } }, { idempotencyKey: 'old-key' });
    expect(later.id).not.toBe(first.id);
    expect(await countIntents('old')).toBe(2);
  });
});

describe('test cards', () => {
  it.each([
    ['4242424242424242', 'pm_card_visa', 'visa'],
    ['5555555555554444', 'pm_card_mastercard', 'mastercard'],
  ])('%s (%s) succeeds', async (number, alias, brand) => {
    for (const pay of cardPayments(number, alias)) {
      const intent = await newIntent();
      const confirmed = await confirm(intent.id, pay);
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
      expect(charge.payment_method_details?.card).toMatchObject({
        brand,
        last4: number.slice(-4),
      });
    }
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
    for (const pay of cardPayments(number, alias)) {
      const intent = await newIntent();
      const error = (await confirm(intent.id, pay).catch(
        (e: unknown) => e,
      )) as Stripe.errors.StripeCardError;
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
      expect((await confirm(intent.id, { payment_method: 'pm_card_visa' })).status).toBe(
        'succeeded',
      );
    }
  });

  // Emulator only: it answers the challenge through the Stripe.js stand-in's
  // `_authenticate` endpoint and pays with raw card numbers.
  it.skipIf(onStripe).each(['4000002500003155', '4000002760003184'])(
    '%s requires 3D Secure, which can succeed or fail',
    async (number) => {
      const t = emu();
      const intent = await newIntent();
      const pending = await stripe.paymentIntents.confirm(intent.id, {
        payment_method_data: cardData(number),
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
    const error = await confirm(intent.id, {
      payment_method: 'pm_card_authenticationRequired',
      error_on_requires_action: true,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 402, decline_code: 'authentication_required' });
  });

  // Emulator only: it needs a raw (non-test) card number, which Stripe refuses
  // unless the account has raw card data enabled.
  it.skipIf(onStripe)('declines real (live) card numbers in test mode', async () => {
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

describe('test PaymentMethod aliases', () => {
  /** Stripe's "Declined payments" PaymentMethods, each beside the card number it stands for. */
  const DECLINES: Array<
    [alias: string, number: string, code: string, declineCode: string, message: string]
  > = [
    [
      'pm_card_visa_chargeDeclined',
      '4000000000000002',
      'card_declined',
      'generic_decline',
      'Your card was declined.',
    ],
    [
      'pm_card_chargeDeclined',
      '4000000000000002',
      'card_declined',
      'generic_decline',
      'Your card was declined.',
    ],
    [
      'pm_card_visa_chargeDeclinedInsufficientFunds',
      '4000000000009995',
      'card_declined',
      'insufficient_funds',
      'Your card has insufficient funds.',
    ],
    [
      'pm_card_chargeDeclinedInsufficientFunds',
      '4000000000009995',
      'card_declined',
      'insufficient_funds',
      'Your card has insufficient funds.',
    ],
    [
      'pm_card_visa_chargeDeclinedLostCard',
      '4000000000009987',
      'card_declined',
      'lost_card',
      'Your card was declined.',
    ],
    [
      'pm_card_chargeDeclinedLostCard',
      '4000000000009987',
      'card_declined',
      'lost_card',
      'Your card was declined.',
    ],
    [
      'pm_card_visa_chargeDeclinedStolenCard',
      '4000000000009979',
      'card_declined',
      'stolen_card',
      'Your card was declined.',
    ],
    [
      'pm_card_chargeDeclinedStolenCard',
      '4000000000009979',
      'card_declined',
      'stolen_card',
      'Your card was declined.',
    ],
    [
      'pm_card_chargeDeclinedExpiredCard',
      '4000000000000069',
      'expired_card',
      'expired_card',
      'Your card has expired.',
    ],
    [
      'pm_card_chargeDeclinedIncorrectCvc',
      '4000000000000127',
      'incorrect_cvc',
      'incorrect_cvc',
      "Your card's security code is incorrect.",
    ],
    [
      'pm_card_chargeDeclinedProcessingError',
      '4000000000000119',
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ],
    [
      'pm_card_visa_chargeDeclinedVelocityLimitExceeded',
      '4000000000006975',
      'card_declined',
      'card_velocity_exceeded',
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    ],
  ];

  it.each(DECLINES)(
    '%s declines as card %s does',
    async (alias, number, code, declineCode, message) => {
      const declineOf = async (pay: Stripe.PaymentIntentConfirmParams) => {
        const intent = await newIntent();
        const error = await confirm(intent.id, pay).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
        const card = error as Stripe.errors.StripeCardError;
        return {
          statusCode: card.statusCode,
          type: card.rawType,
          code: card.code,
          decline_code: card.decline_code,
          message: card.message,
          brand: card.payment_method?.card?.brand,
          last4: card.payment_method?.card?.last4,
          status: card.payment_intent?.status,
        };
      };
      const byAlias = await declineOf({ payment_method: alias });
      expect(byAlias).toEqual({
        statusCode: 402,
        type: 'card_error',
        code,
        decline_code: declineCode,
        message,
        brand: 'visa',
        last4: number.slice(-4),
        status: 'requires_payment_method',
      });
      if (onEmulator)
        expect(await declineOf({ payment_method_data: cardData(number) })).toEqual(byAlias);
    },
  );

  /** Stripe's "Cards by brand" (and other succeeding) PaymentMethods, with their cards. */
  const PAYS: Array<[alias: string, number: string, brand: string, funding: string]> = [
    ['pm_card_visa', '4242424242424242', 'visa', 'credit'],
    ['pm_card_visa_debit', '4000056655665556', 'visa', 'debit'],
    ['pm_card_mastercard', '5555555555554444', 'mastercard', 'credit'],
    ['pm_card_mastercard_debit', '5200828282828210', 'mastercard', 'debit'],
    ['pm_card_mastercard_prepaid', '5105105105105100', 'mastercard', 'prepaid'],
    ['pm_card_amex', '378282246310005', 'amex', 'credit'],
    ['pm_card_discover', '6011111111111117', 'discover', 'credit'],
    ['pm_card_diners', '3056930009020004', 'diners', 'credit'],
    ['pm_card_jcb', '3566002020360505', 'jcb', 'credit'],
    ['pm_card_unionpay', '6200000000000005', 'unionpay', 'credit'],
    ['pm_card_bypassPending', '4000000000000077', 'visa', 'credit'],
    ['pm_card_threeDSecureOptional', '4000000000003055', 'visa', 'credit'],
    ['pm_card_amex_threeDSecureNotSupported', '378282246310005', 'amex', 'credit'],
  ];

  it.each(PAYS)('%s pays as card %s does', async (alias, number, brand, funding) => {
    const paidWith = async (pay: Stripe.PaymentIntentConfirmParams) => {
      const intent = await newIntent();
      const confirmed = await confirm(intent.id, pay);
      expect(confirmed.status).toBe('succeeded');
      const card = (await stripe.charges.retrieve(confirmed.latest_charge as string))
        .payment_method_details?.card;
      return { brand: card?.brand, last4: card?.last4, funding: card?.funding };
    };
    const byAlias = await paidWith({ payment_method: alias });
    expect(byAlias).toEqual({ brand, last4: number.slice(-4), funding });
    if (onEmulator)
      expect(await paidWith({ payment_method_data: cardData(number) })).toEqual(byAlias);
  });

  it.each([
    ['pm_card_threeDSecure2Required', '4000000000003220'],
    ['pm_card_authenticationRequired', '4000002760003184'],
    ['pm_card_authenticationRequiredOnSetup', '4000002500003155'],
  ])('%s requires 3D Secure as card %s does', async (alias, number) => {
    const pendingWith = async (pay: Stripe.PaymentIntentConfirmParams) => {
      const intent = await newIntent();
      const pending = await confirm(intent.id, pay);
      return {
        status: pending.status,
        next_action: pending.next_action,
        last_payment_error: pending.last_payment_error,
      };
    };
    const byAlias = await pendingWith({ payment_method: alias });
    // A server-side confirm with a return_url is handed the redirect to the bank's challenge.
    expect(byAlias).toMatchObject({
      status: 'requires_action',
      next_action: {
        type: 'redirect_to_url',
        redirect_to_url: { url: expect.any(String) as string, return_url: RETURN_URL },
      },
      last_payment_error: null,
    });
    if (onEmulator) {
      expect(await pendingWith({ payment_method_data: cardData(number) })).toMatchObject({
        status: byAlias.status,
        next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: RETURN_URL } },
        last_payment_error: null,
      });
    }
  });

  it('answers a pm_card_* Stripe does not define as an unknown PaymentMethod', async () => {
    const intent = await newIntent();
    const error = (await confirm(intent.id, { payment_method: 'pm_card_noSuchTestCard' }).catch(
      (e: unknown) => e,
    )) as Stripe.errors.StripeError;
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      rawType: 'invalid_request_error',
      code: 'resource_missing',
      param: 'payment_method',
    });
    // Stripe may append advice for platforms with connected accounts.
    expect(error.message).toMatch(/^No such PaymentMethod: 'pm_card_noSuchTestCard'/);
    // Stripe documents the code but not the status of a missing id given as a
    // parameter (rather than in the path), so only the emulator's 404 is pinned.
    if (onEmulator) expect(error.statusCode).toBe(404);
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: null,
    });
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
    await confirm(intent.id, { payment_method: 'pm_card_visa' });
    const refused = (await stripe.paymentIntents
      .update(intent.id, { amount: 100 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(refused.code).toBe('payment_intent_unexpected_state');
    const again = (await confirm(intent.id, { payment_method: 'pm_card_visa' }).catch(
      (e: unknown) => e,
    )) as Error;
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
    const error = (await confirm(intent.id, { payment_method: 'pm_card_visa' }).catch(
      (e: unknown) => e,
    )) as Stripe.errors.StripeError;
    expect(error.code).toBe('payment_intent_unexpected_state');
    if (onEmulator) expect(await eventTypes()).toContain('payment_intent.canceled');
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
    // In a Stripe account older intents exist too; the emulator takes `created` and ignores it.
    const since = { created: { gte: made[0]!.created } };
    const page = await stripe.paymentIntents.list({ limit: 2, ...since });
    expect(page.data.map((p) => p.id)).toEqual([made[4]!.id, made[3]!.id]);
    expect(page.has_more).toBe(true);
    const next = await stripe.paymentIntents.list({
      limit: 3,
      starting_after: made[3]!.id,
      ...since,
    });
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
    if (onEmulator) {
      expect((await eventTypes()).filter((e) => e === 'charge.refunded')).toHaveLength(2);
    }
  });

  it('refuses to refund an intent that did not succeed', async () => {
    const intent = await newIntent();
    const error = (await stripe.refunds
      .create({ payment_intent: intent.id })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/does not have a successful charge to refund/);
  });
});

/** Calls the API as Stripe.js does: form-encoded, with the publishable key as a parameter. */
async function publishableCall(
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`${apiBase()}${path}${method === 'GET' ? `?${query}` : ''}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    body: method === 'POST' ? query : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * A refusal: the emulator's exact status, or any 4xx from Stripe, which
 * documents which publishable-key requests fail but not always with which 4xx.
 */
function expectRefused(response: { status: number; body: object }, emulatorStatus: number) {
  if (onEmulator) expect(response.status).toBe(emulatorStatus);
  else expect(Math.floor(response.status / 100)).toBe(4);
  expect(response.body).toHaveProperty('error');
}

// Against Stripe these need the account's publishable key as well.
describe.skipIf(onStripe && CONTRACT_PUBLISHABLE_KEY === undefined)('publishable keys', () => {
  it('read an intent only with its client secret, and without metadata', async () => {
    const intent = await newIntent({ metadata: { cart_id: 'secret-cart' } });
    const path = `/v1/payment_intents/${intent.id}`;
    expectRefused(await publishableCall('GET', path, { key: PUBLISHABLE_KEY }), 400);
    expectRefused(
      await publishableCall('GET', path, {
        key: PUBLISHABLE_KEY,
        client_secret: `${intent.id}_secret_wrong`,
      }),
      400,
    );
    const ok = await publishableCall('GET', path, {
      key: PUBLISHABLE_KEY,
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
    const create = await publishableCall('POST', '/v1/payment_intents', {
      key: PUBLISHABLE_KEY,
      amount: '1000',
      currency: 'usd',
    });
    expectRefused(create, 401);
    expect(JSON.stringify(create.body)).toContain('cannot be made with a publishable API key');
    expectRefused(await publishableCall('GET', '/v1/charges', { key: PUBLISHABLE_KEY }), 401);
    const intent = await newIntent();
    const offSession = await publishableCall('POST', `/v1/payment_intents/${intent.id}/confirm`, {
      key: PUBLISHABLE_KEY,
      client_secret: intent.client_secret!,
      payment_method: 'pm_card_visa',
      return_url: RETURN_URL,
      off_session: 'true',
    });
    expectRefused(offSession, 400);
    // Stripe marks off_session "secret key only" without documenting the wording.
    if (onEmulator) {
      expect(JSON.stringify(offSession.body)).toContain('can only be used with a secret key');
    }
  });
});

describe('API keys', () => {
  it('rejects missing and unknown keys with Stripe’s 401 messages', async () => {
    const none = await fetch(`${apiBase()}/v1/payment_intents`);
    expect(none.status).toBe(401);
    expect(JSON.stringify(await none.json())).toContain('You did not provide an API key');
    // The emulator takes any sk_test_ key, so there the unknown key is a live-looking
    // one; Stripe is sent a test-looking key that belongs to no account.
    const unknownKey = onStripe ? 'sk_test_nope' : 'sk_live_nope';
    const wrong = await new Stripe(
      unknownKey,
      onStripe
        ? { telemetry: false }
        : { host: '127.0.0.1', port: emu().server.port, protocol: 'http' },
    ).paymentIntents
      .list()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((wrong as Error).message).toMatch(/^Invalid API Key provided: /);
    // How Stripe masks a key this short is not documented.
    if (onEmulator) {
      expect((wrong as Error).message).toMatch(/^Invalid API Key provided: sk_live_\*\*\*\*nope$/);
    }
  });
});

describe('events', () => {
  it('serves events through the API too', async () => {
    const intent = await newIntent();
    const events = await eventually(
      () =>
        stripe.events.list({
          type: 'payment_intent.created',
          created: { gte: intent.created },
          limit: 100,
        }),
      (list) => list.data.some((e) => (e.data.object as Intent).id === intent.id),
    );
    // A Stripe account may hold other intents' events; a reset emulator holds only this one.
    if (onEmulator) expect(events.data).toHaveLength(1);
    const mine = events.data.filter((e) => (e.data.object as Intent).id === intent.id);
    expect(mine).toHaveLength(1);
    const event = await stripe.events.retrieve(mine[0]!.id);
    expect(event.type).toBe('payment_intent.created');
    expect((event.data.object as Intent).id).toBe(intent.id);
  });
});

// Emulator only: webhook delivery, retries and delivery modes are driven
// through the control API, to an endpoint on this machine.
describe.skipIf(onStripe)('webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    await emu().control('POST', 'webhooks', {
      url: receiver.url,
      enabled: true,
      maxAttempts: 4,
      retryBaseDelayMs: 20,
    });
  });
  afterEach(async () => {
    await emu().control('POST', 'reset');
    await receiver.close();
  });

  const flush = () =>
    emu().control<{ idle: boolean }>('POST', 'webhooks/flush', { timeoutMs: 5000 });

  it('delivers every event signed so that constructEvent accepts it, without holding up the API', async () => {
    await emu().control('POST', 'webhooks', { mode: { delayMs: 1000 } });
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
      await emu().control<{
        data: Array<{ status: string; attempts: Array<{ status: number }> }>;
      }>('GET', 'deliveries')
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
      await emu().control<{ data: Array<{ status: string; attempts: unknown[] }> }>(
        'GET',
        'deliveries',
      )
    ).data;
    expect(delivery).toMatchObject({ status: 'failed' });
    expect(delivery!.attempts).toHaveLength(4);
  });

  it('duplicates every event in duplicate mode', async () => {
    await emu().control('POST', 'webhooks', { mode: { duplicate: true } });
    await newIntent({ confirm: true, payment_method: 'pm_card_visa' });
    await flush();
    const ids = receiver.received.map((r) => r.event.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(3);
  });

  it('delivers out of order, reproducibly, in shuffle mode', async () => {
    const orders: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await emu().control('POST', 'reset');
      receiver.received.length = 0;
      await emu().control('POST', 'webhooks', {
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
      const created = (await emu().control<{ data: Stripe.Event[] }>('GET', 'events')).data.map(
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
    await emu().control('POST', 'webhooks', {
      maxAttempts: 1,
      mode: { staleTimestampSeconds: 600 },
    });
    await newIntent();
    await flush();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.verified).toBe(false);
  });

  it('drops deliveries in drop mode and resends an event on request', async () => {
    await emu().control('POST', 'webhooks', { mode: { dropRate: 1 } });
    await newIntent();
    await flush();
    expect(receiver.received).toHaveLength(0);
    const [event] = (await emu().control<{ data: Stripe.Event[] }>('GET', 'events')).data;
    await emu().control('POST', 'webhooks', { mode: { dropRate: 0 } });
    await emu().control('POST', `events/${event!.id}/resend`);
    await flush();
    expect(receiver.received.map((r) => r.event.id)).toEqual([event!.id]);
  });
});
