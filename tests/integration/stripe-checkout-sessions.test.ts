import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStripe, startWebhookReceiver, type TestStripe } from '../helpers/stripe-emulator';

/*
 * Checkout Sessions on the emulator, through the real SDK: creating, reading,
 * listing and expiring them, Stripe's refusals, idempotency, coupons,
 * automatic tax, and paying through the control API and the hosted page
 * (plain form posts, no browser).
 */

type Session = Stripe.Checkout.Session;
type SessionParams = Stripe.Checkout.SessionCreateParams;
type LineItemParams = NonNullable<SessionParams['line_items']>[number];
type ShippingOptionParams = NonNullable<SessionParams['shipping_options']>[number];
type StripeError = InstanceType<typeof Stripe.errors.StripeError>;

const BOOKS = 'txcd_35010000';
const SUCCESS_URL = 'https://shop.example/orders/done?session_id={CHECKOUT_SESSION_ID}';
const CANCEL_URL = 'https://shop.example/cart';

const ADDRESSES = {
  newYork: {
    line1: '350 5th Ave',
    city: 'New York',
    state: 'NY',
    postal_code: '10118',
    country: 'US',
  },
  oregon: {
    line1: '1120 SW 5th Ave',
    city: 'Portland',
    state: 'OR',
    postal_code: '97204',
    country: 'US',
  },
  london: { line1: '10 Downing St', city: 'London', postal_code: 'SW1A 2AA', country: 'GB' },
  tokyo: { line1: '1-1 Chiyoda', city: 'Tokyo', postal_code: '100-0001', country: 'JP' },
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

function book(name: string, unitAmount: number, quantity = 1): LineItemParams {
  return {
    price_data: {
      currency: 'usd',
      unit_amount: unitAmount,
      tax_behavior: 'exclusive',
      product_data: { name, tax_code: BOOKS, metadata: { isbn: `isbn-${name}` } },
    },
    quantity,
  };
}

const STANDARD: ShippingOptionParams = {
  shipping_rate_data: {
    display_name: 'Standard',
    type: 'fixed_amount',
    fixed_amount: { amount: 500, currency: 'usd' },
    delivery_estimate: {
      minimum: { unit: 'business_day', value: 3 },
      maximum: { unit: 'business_day', value: 5 },
    },
    tax_behavior: 'exclusive',
  },
};
const EXPRESS: ShippingOptionParams = {
  shipping_rate_data: {
    display_name: 'Express',
    type: 'fixed_amount',
    fixed_amount: { amount: 1500, currency: 'usd' },
    tax_behavior: 'exclusive',
  },
};

function newSession(params: Partial<SessionParams> = {}, options?: Stripe.RequestOptions) {
  return stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [book('Middlemarch', 2000)],
      shipping_options: [STANDARD, EXPRESS],
      shipping_address_collection: { allowed_countries: ['US', 'GB', 'JP'] },
      automatic_tax: { enabled: true },
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
      client_reference_id: 'cart_123',
      metadata: { cart_id: 'cart_123' },
      payment_intent_data: { metadata: { cart_id: 'cart_123' }, description: 'Folio order' },
      ...params,
    },
    options,
  );
}

type PayAnswer = {
  kind: string;
  redirectUrl?: string | null;
  challengeUrl?: string;
  message?: string;
  code?: string;
  errors?: Record<string, string>;
  session: Session;
};

/** Pays through the control API, as the hosted page's Pay button does. */
async function pay(
  id: string,
  details: Record<string, string>,
): Promise<{ status: number; body: PayAnswer }> {
  const response = await fetch(`${t.server.url}/_emulator/checkout/sessions/${id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      card: '4242424242424242',
      ...details,
    }),
  });
  return { status: response.status, body: (await response.json()) as PayAnswer };
}

type CheckoutControl = {
  session: Session;
  taxTransaction: string | null;
  taxReversals: Array<{ refund: string; transaction: string }>;
};
const inspect = (id: string) => t.control<CheckoutControl>('GET', `checkout/sessions/${id}`);

/** A form post from the hosted page, as a browser sends it; redirects are left to the test. */
function postForm(path: string, fields: Record<string, string>) {
  return fetch(`${t.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

async function refusal(promise: Promise<unknown>): Promise<StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('Expected Stripe to refuse the request');
}

describe('creating and reading Checkout Sessions', () => {
  it('creates an open session with Stripe’s shape, priced before the shopper gives an address', async () => {
    const session = await newSession({ customer_email: 'ada@example.com', locale: 'en' });
    expect(session.id).toMatch(/^cs_test_a1[A-Za-z0-9]{56}$/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      url: `${t.server.url}/c/pay/${session.id}`,
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      currency: 'usd',
      amount_subtotal: 2000,
      amount_total: 2500,
      total_details: { amount_discount: 0, amount_shipping: 500, amount_tax: 0 },
      automatic_tax: {
        enabled: true,
        liability: { type: 'self' },
        provider: 'stripe',
        status: 'requires_location_inputs',
      },
      customer_email: 'ada@example.com',
      customer_details: null,
      client_reference_id: 'cart_123',
      metadata: { cart_id: 'cart_123' },
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
      shipping_address_collection: { allowed_countries: ['US', 'GB', 'JP'] },
      payment_method_types: ['card'],
      locale: 'en',
      livemode: false,
      discounts: [],
      ui_mode: 'hosted_page',
    });
    expect(session.expires_at).toBe(session.created + 24 * 60 * 60);
    expect(session.shipping_options).toHaveLength(2);
    const [standard, express] = session.shipping_options;
    expect(standard).toMatchObject({
      shipping_amount: 500,
      shipping_rate: expect.stringMatching(/^shr_/) as unknown,
    });
    expect(express).toMatchObject({ shipping_amount: 1500 });
    expect(session.shipping_cost).toEqual({
      amount_subtotal: 500,
      amount_tax: 0,
      amount_total: 500,
      shipping_rate: standard!.shipping_rate,
    });

    const rate = await stripe.shippingRates.retrieve(standard!.shipping_rate as string);
    expect(rate).toMatchObject({
      object: 'shipping_rate',
      active: true,
      display_name: 'Standard',
      type: 'fixed_amount',
      fixed_amount: { amount: 500, currency: 'usd' },
      delivery_estimate: {
        minimum: { unit: 'business_day', value: 3 },
        maximum: { unit: 'business_day', value: 5 },
      },
      tax_behavior: 'exclusive',
      tax_code: null,
    });

    const again = await stripe.checkout.sessions.retrieve(session.id);
    const { lastResponse: _a, ...created } = session;
    const { lastResponse: _b, ...retrieved } = again;
    expect(retrieved).toEqual(created);
  });

  it('lists line items as Stripe `item` objects and expands them on the session', async () => {
    const session = await newSession({
      line_items: [book('Middlemarch', 1999, 2), book('Persuasion', 1000)],
    });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((i) => i.description)).toEqual(['Middlemarch', 'Persuasion']);
    expect(items.data[0]).toMatchObject({
      object: 'item',
      id: expect.stringMatching(/^li_/) as unknown,
      amount_subtotal: 3998,
      amount_discount: 0,
      amount_tax: 0,
      amount_total: 3998,
      currency: 'usd',
      quantity: 2,
      price: {
        object: 'price',
        unit_amount: 1999,
        currency: 'usd',
        type: 'one_time',
        tax_behavior: 'exclusive',
        product: expect.stringMatching(/^prod_/) as unknown,
      },
    });
    // The SDK turns `unit_amount_decimal` into a Decimal of its own.
    expect(String(items.data[0]!.price!.unit_amount_decimal)).toBe('1999');
    const page = await stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
    expect(page.has_more).toBe(true);
    const next = await stripe.checkout.sessions.listLineItems(session.id, {
      limit: 1,
      starting_after: page.data[0]!.id,
    });
    expect(next.data.map((i) => i.description)).toEqual(['Persuasion']);

    const expanded = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['line_items'],
    });
    expect(expanded.line_items?.data.map((i) => i.id)).toEqual(items.data.map((i) => i.id));
  });

  it('lists sessions newest first, by status, PaymentIntent and email', async () => {
    const first = await newSession();
    const second = await newSession();
    const third = await newSession({ customer_email: 'grace@example.com' });
    const all = await stripe.checkout.sessions.list();
    expect(all.data.map((s) => s.id)).toEqual([third.id, second.id, first.id]);
    const page = await stripe.checkout.sessions.list({ limit: 2 });
    expect(page).toMatchObject({ has_more: true });
    const rest = await stripe.checkout.sessions.list({
      limit: 2,
      starting_after: page.data[1]!.id,
    });
    expect(rest.data.map((s) => s.id)).toEqual([first.id]);

    const paid = await pay(third.id, ADDRESSES.oregon);
    expect(paid.body.kind).toBe('complete');
    await stripe.checkout.sessions.expire(second.id);
    const byStatus = async (status: 'open' | 'complete' | 'expired') =>
      (await stripe.checkout.sessions.list({ status })).data.map((s) => s.id);
    expect(await byStatus('open')).toEqual([first.id]);
    expect(await byStatus('complete')).toEqual([third.id]);
    expect(await byStatus('expired')).toEqual([second.id]);
    const byIntent = await stripe.checkout.sessions.list({
      payment_intent: paid.body.session.payment_intent as string,
    });
    expect(byIntent.data.map((s) => s.id)).toEqual([third.id]);
    const byEmail = await stripe.checkout.sessions.list({
      customer_details: { email: 'grace@example.com' },
    });
    expect(byEmail.data.map((s) => s.id)).toEqual([third.id]);
  });

  it('expires an open session, and only an open one', async () => {
    const session = await newSession();
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: 'expired', url: null, payment_status: 'unpaid' });
    const error = await refusal(stripe.checkout.sessions.expire(session.id));
    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    expect(error.message).toBe(
      'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `expired`.',
    );
    const events = await stripe.events.list({ type: 'checkout.session.expired' });
    expect(events.data.map((e) => (e.data.object as Session).id)).toEqual([session.id]);
    expect(events.data[0]!.request?.id).toBe(expired.lastResponse.requestId);

    const missing = await refusal(stripe.checkout.sessions.retrieve('cs_test_nope'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(missing.message).toBe("No such checkout.session: 'cs_test_nope'");
  });
});

describe('refusals', () => {
  const base = (): SessionParams => ({
    mode: 'payment',
    line_items: [book('Middlemarch', 2000)],
    success_url: SUCCESS_URL,
  });
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<
    [string, () => SessionParams, { code: string; param?: string; message?: string }]
  > = [
    [
      'a missing mode',
      () => ({ ...base(), mode: undefined }),
      { code: 'parameter_missing', param: 'mode' },
    ],
    [
      'subscription mode without a recurring price',
      () => ({ ...base(), mode: 'subscription' }),
      {
        code: 'parameter_invalid',
        param: 'mode',
        message:
          'You must provide at least one recurring price in `subscription` mode when using prices.',
      },
    ],
    [
      'an unknown parameter',
      () => ({ ...base(), colour: 'red' }) as SessionParams,
      { code: 'parameter_unknown', param: 'colour', message: 'Received unknown parameter: colour' },
    ],
    [
      'an unknown nested parameter',
      () => ({
        ...base(),
        line_items: [
          {
            price_data: {
              currency: 'usd',
              unit_amount: 100,
              product_data: { name: 'x', colour: 'red' },
            },
            quantity: 1,
          } as LineItemParams,
        ],
      }),
      { code: 'parameter_unknown', param: 'line_items[0][price_data][product_data][colour]' },
    ],
    [
      'no line items',
      () => ({ ...base(), line_items: undefined }),
      { code: 'parameter_missing', param: 'line_items' },
    ],
    [
      'an amount that is not an integer',
      () => ({
        ...base(),
        line_items: [
          {
            price_data: {
              currency: 'usd',
              unit_amount: 'ten' as unknown as number,
              product_data: { name: 'x' },
            },
            quantity: 1,
          },
        ],
      }),
      { code: 'parameter_invalid_integer', param: 'line_items[0][price_data][unit_amount]' },
    ],
    [
      'a negative amount',
      () => ({
        ...base(),
        line_items: [
          {
            price_data: { currency: 'usd', unit_amount: -5, product_data: { name: 'x' } },
            quantity: 1,
          },
        ],
      }),
      { code: 'parameter_invalid_integer', param: 'line_items[0][price_data][unit_amount]' },
    ],
    [
      'a line item without a quantity',
      () => ({
        ...base(),
        line_items: [
          { price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'x' } } },
        ],
      }),
      {
        code: 'parameter_missing',
        param: 'line_items[0][quantity]',
        message: 'Quantity is required. Add `quantity` to `line_items[0]`',
      },
    ],
    [
      'a price id the emulator does not have',
      () => ({ ...base(), line_items: [{ price: 'price_nope', quantity: 1 }] }),
      { code: 'resource_missing', param: 'line_items[0][price]' },
    ],
    [
      'two currencies among the items',
      () => ({
        ...base(),
        line_items: [
          book('a', 1000),
          {
            price_data: { currency: 'eur', unit_amount: 1000, product_data: { name: 'b' } },
            quantity: 1,
          },
        ],
      }),
      { code: 'parameter_invalid', param: 'line_items[1][price_data][currency]' },
    ],
    [
      'a shipping rate in another currency',
      () => ({
        ...base(),
        shipping_options: [
          {
            shipping_rate_data: {
              display_name: 'EU',
              type: 'fixed_amount',
              fixed_amount: { amount: 500, currency: 'eur' },
            },
          },
        ],
      }),
      {
        code: 'parameter_invalid',
        param: 'shipping_options[0][shipping_rate_data][fixed_amount][currency]',
      },
    ],
    [
      'six shipping options',
      () => ({ ...base(), shipping_options: Array.from({ length: 6 }, () => STANDARD) }),
      { code: 'parameter_invalid', param: 'shipping_options' },
    ],
    [
      'a shipping rate without a display name',
      () => ({
        ...base(),
        shipping_options: [
          {
            shipping_rate_data: { fixed_amount: { amount: 500, currency: 'usd' } } as NonNullable<
              ShippingOptionParams['shipping_rate_data']
            >,
          },
        ],
      }),
      { code: 'parameter_missing', param: 'shipping_options[0][shipping_rate_data][display_name]' },
    ],
    [
      'expires_at under 30 minutes away',
      () => ({ ...base(), expires_at: now() + 10 * 60 }),
      {
        code: 'parameter_invalid',
        param: 'expires_at',
        message:
          'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      },
    ],
    [
      'expires_at over 24 hours away',
      () => ({ ...base(), expires_at: now() + 25 * 60 * 60 }),
      {
        code: 'parameter_invalid',
        param: 'expires_at',
        message:
          'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      },
    ],
    [
      'a payment method type other than card',
      () => ({ ...base(), payment_method_types: ['klarna'] }),
      { code: 'parameter_invalid', param: 'payment_method_types' },
    ],
    [
      'a country Checkout cannot ship to',
      () => ({ ...base(), shipping_address_collection: { allowed_countries: ['US', 'KP'] } }),
      { code: 'parameter_invalid', param: 'shipping_address_collection[allowed_countries][1]' },
    ],
    [
      'an unknown coupon',
      () => ({ ...base(), discounts: [{ coupon: 'NOPE' }] }),
      {
        code: 'resource_missing',
        param: 'discounts[0][coupon]',
        message: "No such coupon: 'NOPE'",
      },
    ],
    [
      'a success URL that is not one',
      () => ({ ...base(), success_url: 'not a url' }),
      { code: 'url_invalid', param: 'success_url' },
    ],
    [
      'a tax code the tax table does not know',
      () => ({
        ...base(),
        line_items: [
          {
            price_data: {
              currency: 'usd',
              unit_amount: 500,
              product_data: { name: 'x', tax_code: 'txcd_10000000' },
            },
            quantity: 1,
          },
        ],
      }),
      { code: 'parameter_invalid', param: 'line_items[0][price_data][product_data][tax_code]' },
    ],
  ];

  it.each(cases)('refuses %s', async (_name, params, expected) => {
    const error = await refusal(stripe.checkout.sessions.create(params()));
    expect(error).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      ...expected,
    });
  });

  it('refuses a total below the minimum charge, discount included', async () => {
    const coupon = await stripe.coupons.create({ amount_off: 1980, currency: 'usd' });
    const error = await refusal(
      stripe.checkout.sessions.create({ ...base(), discounts: [{ coupon: coupon.id }] }),
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_small' });
    expect(error.message).toBe(
      "The Checkout Session's total amount due must add up to at least $0.50 usd",
    );
  });

  it('creates nothing when it refuses: no shipping rate is left behind', async () => {
    await refusal(
      stripe.checkout.sessions.create({
        ...base(),
        shipping_options: [STANDARD],
        expires_at: now() + 60,
      }),
    );
    expect(t.server.emulator.state.shippingRates.size).toBe(0);
    expect(t.server.emulator.state.checkoutSessions.size).toBe(0);
  });
});

describe('idempotency', () => {
  it('replays a create with the same key and refuses the key with other parameters', async () => {
    const first = await newSession({}, { idempotencyKey: 'checkout-1' });
    const replay = await newSession({}, { idempotencyKey: 'checkout-1' });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(t.server.emulator.state.checkoutSessions.size).toBe(1);

    const error = await refusal(
      newSession({ client_reference_id: 'cart_456' }, { idempotencyKey: 'checkout-1' }),
    );
    expect(error).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    expect(error.message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'checkout-1' if you meant to execute a different request.",
    );
  });

  it('replays an expire without expiring twice or sending a second event', async () => {
    const session = await newSession();
    await stripe.checkout.sessions.expire(session.id, {}, { idempotencyKey: 'expire-1' });
    const replay = await stripe.checkout.sessions.expire(
      session.id,
      {},
      { idempotencyKey: 'expire-1' },
    );
    expect(replay).toMatchObject({ status: 'expired' });
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    const events = await stripe.events.list({ type: 'checkout.session.expired' });
    expect(events.data).toHaveLength(1);
  });
});

describe('coupons', () => {
  it('creates and retrieves coupons, refusing what Stripe refuses', async () => {
    const coupon = await stripe.coupons.create({
      amount_off: 500,
      currency: 'usd',
      duration: 'once',
      max_redemptions: 3,
      name: 'Five off',
      metadata: { campaign: 'spring' },
    });
    expect(coupon).toMatchObject({
      object: 'coupon',
      id: expect.stringMatching(/^[A-Z0-9]{8}$/) as unknown,
      amount_off: 500,
      currency: 'usd',
      percent_off: null,
      duration: 'once',
      max_redemptions: 3,
      times_redeemed: 0,
      valid: true,
      name: 'Five off',
      metadata: { campaign: 'spring' },
      livemode: false,
    });
    expect((await stripe.coupons.retrieve(coupon.id)).name).toBe('Five off');
    const custom = await stripe.coupons.create({ id: 'SPRING-10', percent_off: 10 });
    expect(custom).toMatchObject({
      id: 'SPRING-10',
      percent_off: 10,
      currency: null,
      duration: 'once',
    });
    expect((await stripe.coupons.retrieve('SPRING-10')).percent_off).toBe(10);

    const both = await refusal(
      stripe.coupons.create({ amount_off: 100, currency: 'usd', percent_off: 5 }),
    );
    expect(both.message).toBe(
      'You may only specify one of these parameters: amount_off, percent_off.',
    );
    const neither = await refusal(stripe.coupons.create({ name: 'Nothing' }));
    expect(neither).toMatchObject({ code: 'parameter_missing' });
    const noCurrency = await refusal(stripe.coupons.create({ amount_off: 100 }));
    expect(noCurrency).toMatchObject({ code: 'parameter_missing', param: 'currency' });
    const tooMuch = await refusal(stripe.coupons.create({ percent_off: 120 }));
    expect(tooMuch).toMatchObject({ param: 'percent_off' });
    const taken = await refusal(stripe.coupons.create({ id: 'SPRING-10', percent_off: 5 }));
    expect(taken).toMatchObject({ code: 'resource_already_exists' });
  });

  it('spreads an amount_off coupon over the items in proportion, before tax, and not over shipping', async () => {
    const coupon = await stripe.coupons.create({
      amount_off: 600,
      currency: 'usd',
      name: 'Six off',
    });
    const session = await newSession({
      line_items: [book('Middlemarch', 2000), book('Persuasion', 1000)],
      discounts: [{ coupon: coupon.id }],
    });
    expect(session).toMatchObject({
      amount_subtotal: 3000,
      amount_total: 2900,
      total_details: { amount_discount: 600, amount_shipping: 500, amount_tax: 0 },
      discounts: [{ coupon: coupon.id, promotion_code: null }],
    });
    const paid = await pay(session.id, ADDRESSES.newYork);
    expect(paid.body.kind).toBe('complete');
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    // 400 and 200 of the 600; NY tax at 8.875 % on 1600 and 800, each rounded half up.
    expect(items.data.map((i) => [i.amount_discount, i.amount_tax, i.amount_total])).toEqual([
      [400, 142, 1742],
      [200, 71, 871],
    ]);
    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['discounts.coupon'],
    });
    expect(done).toMatchObject({
      amount_total: 3157,
      total_details: { amount_discount: 600, amount_shipping: 500, amount_tax: 257 },
      shipping_cost: { amount_subtotal: 500, amount_tax: 44, amount_total: 544 },
    });
    expect(done.discounts?.[0]?.coupon).toMatchObject({ id: coupon.id, times_redeemed: 1 });
  });

  it('takes a percent_off coupon off the subtotal, rounding half up', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 12.5 });
    const session = await newSession({
      line_items: [book('Middlemarch', 1999), book('Persuasion', 1001)],
      discounts: [{ coupon: coupon.id }],
      automatic_tax: { enabled: false },
    });
    // 12.5 % of 3000 is 375, split 250 / 125 by the items' subtotals (1999 : 1001).
    expect(session.total_details?.amount_discount).toBe(375);
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((i) => i.amount_discount)).toEqual([250, 125]);
    expect(session.amount_total).toBe(3000 - 375 + 500);
  });

  it('stops taking a coupon once it reached max_redemptions', async () => {
    const coupon = await stripe.coupons.create({
      amount_off: 100,
      currency: 'usd',
      max_redemptions: 1,
    });
    const session = await newSession({ discounts: [{ coupon: coupon.id }] });
    expect((await pay(session.id, ADDRESSES.oregon)).body.kind).toBe('complete');
    expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({
      times_redeemed: 1,
      valid: false,
    });
    const error = await refusal(newSession({ discounts: [{ coupon: coupon.id }] }));
    expect(error).toMatchObject({ statusCode: 400, param: 'discounts[0][coupon]' });
  });
});

describe('automatic tax', () => {
  it.each([
    // Books and shipping at New York City's 8.875 %: 2000 → 177.5 → 178, 500 → 44.375 → 44.
    ['New York', ADDRESSES.newYork, { items: 178, shipping: 44 }],
    // Oregon has no sales tax and Stripe offers no registration there.
    ['Oregon', ADDRESSES.oregon, { items: 0, shipping: 0 }],
    // UK VAT: printed books zero-rated, shipping at 20 %.
    ['the United Kingdom', ADDRESSES.london, { items: 0, shipping: 100 }],
    // Not in the tax table: not registered, so nothing is collected, as with Stripe.
    ['Japan', ADDRESSES.tokyo, { items: 0, shipping: 0 }],
  ])('taxes books and shipping for %s', async (_place, address, expected) => {
    const session = await newSession();
    const paid = await pay(session.id, address);
    expect(paid).toMatchObject({ status: 200, body: { kind: 'complete' } });
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    const tax = expected.items + expected.shipping;
    expect(done).toMatchObject({
      status: 'complete',
      amount_subtotal: 2000,
      amount_total: 2500 + tax,
      automatic_tax: { enabled: true, status: 'complete' },
      total_details: { amount_discount: 0, amount_shipping: 500, amount_tax: tax },
      shipping_cost: {
        amount_subtotal: 500,
        amount_tax: expected.shipping,
        amount_total: 500 + expected.shipping,
      },
    });
    expect(done.line_items?.data[0]).toMatchObject({
      amount_tax: expected.items,
      amount_total: 2000 + expected.items,
    });
    const intent = await stripe.paymentIntents.retrieve(done.payment_intent as string);
    expect(intent.amount).toBe(2500 + tax);
  });

  it('records the payment’s tax transaction, referenced by its PaymentIntent, and reverses a refund’s part', async () => {
    const session = await newSession();
    await pay(session.id, ADDRESSES.newYork);
    const { session: done, taxTransaction } = await inspect(session.id);
    expect(taxTransaction).toMatch(/^tax_/);
    const transaction = await stripe.tax.transactions.retrieve(taxTransaction!, {
      expand: ['line_items'],
    });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(transaction).toMatchObject({
      type: 'transaction',
      reference: done.payment_intent,
      currency: 'usd',
      customer_details: {
        address: { postal_code: '10118', country: 'US' },
        address_source: 'shipping',
      },
      shipping_cost: { amount: 500, amount_tax: 44, tax_code: 'txcd_92010001' },
    });
    expect(
      transaction.line_items?.data.map((l) => [l.reference, l.amount, l.amount_tax, l.tax_code]),
    ).toEqual([[items.data[0]!.id, 2000, 178, BOOKS]]);

    const refund = await stripe.refunds.create({
      payment_intent: done.payment_intent as string,
      amount: 1000,
    });
    const { taxReversals } = await inspect(session.id);
    expect(taxReversals.map((r) => r.refund)).toEqual([refund.id]);
    const reversal = await stripe.tax.transactions.retrieve(taxReversals[0]!.transaction, {
      expand: ['line_items'],
    });
    expect(reversal).toMatchObject({
      type: 'reversal',
      reference: refund.id,
      reversal: { original_transaction: taxTransaction },
    });
    const reversed =
      (reversal.line_items?.data ?? []).reduce((sum, l) => sum + l.amount + l.amount_tax, 0) +
      (reversal.shipping_cost?.amount ?? 0) +
      (reversal.shipping_cost?.amount_tax ?? 0);
    expect(reversed).toBe(-1000);
    // The tax part of the refund, in proportion: 65 of the book's 178 and 16 of shipping's 44.
    expect(reversal.line_items?.data[0]?.amount_tax).toBe(-65);
    expect(reversal.shipping_cost?.amount_tax).toBe(-16);
  });

  it('records no tax transaction when automatic tax is off', async () => {
    const session = await newSession({ automatic_tax: { enabled: false } });
    expect(session.automatic_tax).toEqual({
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    });
    await pay(session.id, ADDRESSES.newYork);
    const { session: done, taxTransaction } = await inspect(session.id);
    expect(done.amount_total).toBe(2500);
    expect(taxTransaction).toBeNull();
  });

  it('asks the shopper again for an address Stripe Tax cannot place', async () => {
    const session = await newSession();
    const answer = await pay(session.id, { ...ADDRESSES.newYork, postal_code: '94080' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      kind: 'invalid',
      errors: { postal_code: expect.any(String) as unknown },
    });
    expect(answer.body.session.status).toBe('open');
  });
});

describe('paying', () => {
  it('completes a session through the control API: the intent, the charge and the session', async () => {
    const session = await newSession({
      payment_intent_data: {
        metadata: { cart_id: 'cart_123' },
        description: 'Folio order',
        receipt_email: 'receipts@example.com',
      },
    });
    const answer = await pay(session.id, {
      ...ADDRESSES.newYork,
      shipping_rate: session.shipping_options[1]!.shipping_rate as string,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: 'complete',
      redirectUrl: `https://shop.example/orders/done?session_id=${session.id}`,
    });
    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(done).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      url: null,
      customer_details: {
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        address: {
          line1: '350 5th Ave',
          city: 'New York',
          state: 'NY',
          postal_code: '10118',
          country: 'US',
        },
        tax_exempt: 'none',
      },
      collected_information: {
        shipping_details: {
          name: 'Ada Lovelace',
          address: { postal_code: '10118', country: 'US' },
        },
      },
      shipping_cost: {
        amount_subtotal: 1500,
        shipping_rate: session.shipping_options[1]!.shipping_rate,
      },
    });
    const intent = done.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: done.amount_total,
      amount_received: done.amount_total,
      currency: 'usd',
      metadata: { cart_id: 'cart_123' },
      description: 'Folio order',
      receipt_email: 'receipts@example.com',
      payment_method_types: ['card'],
      shipping: { name: 'Ada Lovelace', address: { line1: '350 5th Ave', postal_code: '10118' } },
    });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      amount: done.amount_total,
      metadata: { cart_id: 'cart_123' },
      billing_details: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        address: { postal_code: '10118' },
      },
      payment_method_details: { card: { last4: '4242', brand: 'visa' } },
    });
  });

  it('serves the hosted page with labelled controls and pays from a plain form post', async () => {
    const session = await newSession({ customer_email: 'ada@example.com' });
    const page = await fetch(session.url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Test mode — local Stripe emulator');
    expect(html).toContain('Middlemarch');
    // Every control has a label tied to it.
    for (const [id, label] of [
      ['email', 'Email'],
      ['name', 'Full name'],
      ['line1', 'Address line 1'],
      ['city', 'City'],
      ['state', 'State'],
      ['postal_code', 'ZIP or postal code'],
      ['country', 'Country or region'],
      ['card', 'Card number'],
    ]) {
      expect(html).toMatch(new RegExp(`<label for="field-${id}">${label}`));
      expect(html).toContain(`id="field-${id}"`);
    }
    expect(html).toMatch(/<input id="field-email"[^>]*value="ada@example.com"[^>]* readonly/);
    const countries = [...html.matchAll(/<option value="([A-Z]{2})"/g)].map((m) => m[1]);
    expect(countries).toEqual(['US', 'GB', 'JP']);
    expect(html).toMatch(/<fieldset><legend>Shipping method<\/legend>/);
    expect(html).toMatch(
      /type="radio" id="shipping-rate-0" name="shipping_rate" value="shr_[^"]+" checked><label for="shipping-rate-0">Standard — \$5.00 \(3–5 business days\)/,
    );
    expect(html).toContain('<button type="submit">Pay</button>');
    expect(html).toContain(`<a href="${CANCEL_URL}">Back</a>`);
    expect(html).toContain('role="alert"');

    const response = await postForm(`/c/pay/${session.id}`, {
      email: 'someone-else@example.com',
      shipping_rate: session.shipping_options[0]!.shipping_rate as string,
      name: 'Ada Lovelace',
      ...ADDRESSES.london,
      card_number: '4242 4242 4242 4242',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `https://shop.example/orders/done?session_id=${session.id}`,
    );
    const done = await stripe.checkout.sessions.retrieve(session.id);
    // The email given with the session is the one used: the field is read-only.
    expect(done).toMatchObject({
      status: 'complete',
      customer_details: { email: 'ada@example.com' },
      amount_total: 2600,
    });
  });

  it('shows field errors next to the fields and in the alert region', async () => {
    const session = await newSession();
    const response = await postForm(`/c/pay/${session.id}`, {
      email: 'not-an-email',
      name: '',
      country: 'US',
      line1: '350 5th Ave',
      city: 'New York',
      postal_code: '1011',
      card_number: '4242 4242 4242 4241',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    const alert = /<div id="checkout-errors" role="alert">(.*?)<\/div>/s.exec(html)?.[1] ?? '';
    expect(alert).toContain('Your email address is invalid.');
    expect(alert).toContain('Your name is incomplete.');
    expect(alert).toContain('Your ZIP is invalid.');
    expect(alert).toContain('Your card number is invalid.');
    expect(html).toMatch(
      /id="field-name"[^>]*aria-invalid="true" aria-describedby="field-name-error"/,
    );
    expect(html).toContain('<p class="error" id="field-name-error">Your name is incomplete.</p>');
    // What the shopper typed stays, except the card number.
    expect(html).toMatch(/id="field-line1"[^>]*value="350 5th Ave"/);
    expect(html).toMatch(/id="field-card"[^>]*value=""/);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_intent).toBeNull();
  });

  it('shows a decline on the page, keeps the session open, and takes a retry', async () => {
    const session = await newSession();
    const form = { ...ADDRESSES.oregon, email: 'ada@example.com', name: 'Ada Lovelace' };
    const declined = await postForm(`/c/pay/${session.id}`, {
      ...form,
      card_number: '4000000000000002',
    });
    expect(declined.status).toBe(402);
    const html = await declined.text();
    expect(html).toMatch(/role="alert"><p>Your card was declined\.<\/p>/);
    const open = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(open).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    const intent = open.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
    });

    const insufficient = await pay(session.id, { ...ADDRESSES.oregon, card: '4000000000009995' });
    expect(insufficient).toMatchObject({
      status: 402,
      body: {
        kind: 'declined',
        code: 'card_declined',
        message: 'Your card has insufficient funds.',
      },
    });

    const paid = await postForm(`/c/pay/${session.id}`, {
      ...form,
      card_number: '4242424242424242',
    });
    expect(paid.status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: intent.id,
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('runs the 3D Secure challenge: Fail leaves the session open, Complete pays', async () => {
    const session = await newSession();
    const form = {
      ...ADDRESSES.newYork,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      card_number: '4000002760003184',
    };
    const challenged = await postForm(`/c/pay/${session.id}`, form);
    expect(challenged.status).toBe(303);
    expect(challenged.headers.get('location')).toBe(`/c/pay/${session.id}/3ds`);
    const challenge = await (await fetch(`${t.server.url}/c/pay/${session.id}/3ds`)).text();
    expect(challenge).toContain('Test mode — local Stripe emulator');
    expect(challenge).toContain(
      '<button type="submit" name="result" value="success">Complete</button>',
    );
    expect(challenge).toContain('value="fail" class="secondary">Fail</button>');

    const failed = await postForm(`/c/pay/${session.id}/3ds`, { result: 'fail' });
    expect(failed.status).toBe(402);
    expect(await failed.text()).toContain('We are unable to authenticate your payment method.');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    // With no challenge waiting, its page sends the shopper back to the form.
    const back = await fetch(`${t.server.url}/c/pay/${session.id}/3ds`, { redirect: 'manual' });
    expect(back.status).toBe(303);

    await postForm(`/c/pay/${session.id}`, form);
    const completed = await postForm(`/c/pay/${session.id}/3ds`, { result: 'success' });
    expect(completed.status).toBe(303);
    expect(completed.headers.get('location')).toBe(
      `https://shop.example/orders/done?session_id=${session.id}`,
    );
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
    });
  });

  it('runs the 3D Secure challenge through the control API too', async () => {
    const session = await newSession();
    const answer = await pay(session.id, { ...ADDRESSES.newYork, card: '4000002760003184' });
    expect(answer).toMatchObject({
      status: 200,
      body: { kind: 'requires_action', challengeUrl: `${t.server.url}/c/pay/${session.id}/3ds` },
    });
    const done = await t.control<PayAnswer>(
      'POST',
      `checkout/sessions/${session.id}/authenticate`,
      {
        result: 'success',
      },
    );
    expect(done).toMatchObject({ kind: 'complete', session: { status: 'complete' } });
  });

  it('does not take another payment for a completed session', async () => {
    const session = await newSession();
    expect((await pay(session.id, ADDRESSES.oregon)).body.kind).toBe('complete');
    const again = await pay(session.id, ADDRESSES.oregon);
    expect(again).toMatchObject({ status: 409, body: { kind: 'closed', status: 'complete' } });
    const page = await fetch(`${t.server.url}/c/pay/${session.id}`);
    const html = await page.text();
    expect(html).toContain('This checkout is complete');
    expect(html).not.toContain('<form');
    const posted = await postForm(`/c/pay/${session.id}`, {
      ...ADDRESSES.oregon,
      email: 'ada@example.com',
      name: 'Ada',
      card_number: '4242424242424242',
    });
    expect(posted.status).toBe(409);
    expect(await stripe.paymentIntents.list()).toMatchObject({ data: [expect.anything()] });
    expect((await stripe.charges.list()).data).toHaveLength(1);
  });

  it('answers 404 for a session it does not have', async () => {
    const page = await fetch(`${t.server.url}/c/pay/cs_test_nope`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Checkout session not found');
  });
});

describe('events and expiry', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    await t.control('POST', 'webhooks', { url: receiver.url, enabled: true, retryBaseDelayMs: 20 });
  });
  afterEach(async () => {
    await t.control('POST', 'reset');
    await receiver.close();
  });
  const flush = () => t.control('POST', 'webhooks/flush', { timeoutMs: 5000 });

  it('sends the intent’s events, then checkout.session.completed, each signed', async () => {
    const session = await newSession();
    await pay(session.id, ADDRESSES.newYork);
    await flush();
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received.map((r) => r.event.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ]);
    const completed = receiver.received[3]!.event.data.object as Session;
    expect(completed).toMatchObject({
      id: session.id,
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      payment_intent: expect.stringMatching(/^pi_/) as unknown,
      metadata: { cart_id: 'cart_123' },
      client_reference_id: 'cart_123',
    });
    const intent = receiver.received[2]!.event.data.object as Stripe.PaymentIntent;
    expect(intent.id).toBe(completed.payment_intent);
    expect(intent.metadata).toEqual({ cart_id: 'cart_123' });
  });

  it('expires a session once the clock passes expires_at, with checkout.session.expired', async () => {
    const { now } = await t.control<{ now: number }>('GET', 'clock');
    const session = await newSession({ expires_at: now + 30 * 60 + 5 });
    // A declined attempt leaves an intent, which the expiry cancels.
    await pay(session.id, { ...ADDRESSES.oregon, card: '4000000000000002' });
    const early = await t.control<{ expiredCheckoutSessions: string[] }>('POST', 'clock', {
      advanceSeconds: 1800,
    });
    expect(early.expiredCheckoutSessions).toEqual([]);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    const moved = await t.control<{ expiredCheckoutSessions: string[] }>('POST', 'clock', {
      advanceSeconds: 10,
    });
    expect(moved.expiredCheckoutSessions).toEqual([session.id]);
    const expired = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(expired).toMatchObject({ status: 'expired', url: null });
    expect((expired.payment_intent as Stripe.PaymentIntent).status).toBe('canceled');

    await flush();
    const types = receiver.received.map((r) => r.event.type);
    expect(types.slice(-2)).toEqual(['payment_intent.canceled', 'checkout.session.expired']);
    const event = receiver.received.at(-1)!;
    expect(event.verified).toBe(true);
    expect(event.event.request).toEqual({ id: null, idempotency_key: null });
    expect((event.event.data.object as Session).status).toBe('expired');

    const page = await (await fetch(`${t.server.url}/c/pay/${session.id}`)).text();
    expect(page).toContain('This checkout session has expired');
    const answer = await pay(session.id, ADDRESSES.oregon);
    expect(answer).toMatchObject({ status: 409, body: { kind: 'closed', status: 'expired' } });
  });

  it('shows a session as expired to the next API request once its time has passed', async () => {
    const { now } = await t.control<{ now: number }>('GET', 'clock');
    const session = await newSession({ expires_at: now + 45 * 60 });
    // The clock moved behind the control API's back: the next API request notices.
    t.server.emulator.state.clock.advance(46 * 60);
    const list = await stripe.checkout.sessions.list({ status: 'expired' });
    expect(list.data.map((s) => s.id)).toEqual([session.id]);
    await flush();
    expect(receiver.received.map((r) => r.event.type)).toEqual(['checkout.session.expired']);
  });
});
