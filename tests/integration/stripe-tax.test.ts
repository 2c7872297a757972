import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestStripe, type TestStripe } from '../helpers/stripe-emulator';

/*
 * Contract tests for Stripe Tax as the storefront uses it (calculations,
 * transactions and reversals, a calculation linked to a PaymentIntent) and
 * for the PaymentIntent update and idempotency rules around it. Like
 * tests/integration/stripe-emulator.test.ts they run against the emulator
 * unless STRIPE_CONTRACT_KEY holds a Stripe test-mode key:
 *
 *   STRIPE_CONTRACT_KEY=sk_test_… npx vitest run tests/integration/stripe-tax.test.ts
 *
 * Against Stripe the account needs Stripe Tax set up with the registrations
 * the emulator's table has (New York, California, Texas, the United Kingdom,
 * Germany, France, and Canada's GST/HST for Alberta and Ontario) and the
 * preset product tax code General - Tangible Goods. The emulator's US rates
 * are samples, so exact US amounts are checked on the emulator only; the VAT
 * rates and every taxability reason are checked in both modes. Tests that
 * move the emulator's clock are skipped against Stripe.
 */
const CONTRACT_KEY = process.env.STRIPE_CONTRACT_KEY?.trim() || undefined;
if (CONTRACT_KEY !== undefined && !/^(sk|rk)_test_/.test(CONTRACT_KEY)) {
  throw new Error(
    'STRIPE_CONTRACT_KEY must be a Stripe test-mode key (sk_test_… or rk_test_…). Refusing to run the contract suite with any other key, so that it can never touch live mode.',
  );
}
const onStripe = CONTRACT_KEY !== undefined;
const onEmulator = !onStripe;
/** How long Stripe may take to record what it does after a payment or refund. */
const STRIPE_SETTLE_TIMEOUT_MS = 60_000;
if (onStripe) vi.setConfig({ testTimeout: 3 * STRIPE_SETTLE_TIMEOUT_MS, hookTimeout: 60_000 });

const RETURN_URL = 'https://shop.example/return';
/** Idempotency keys and tax transaction references outlive a run in a Stripe account. */
const RUN = randomUUID().slice(0, 8);
const unique = (name: string) => `${name}-${RUN}-${randomUUID().slice(0, 6)}`;

const BOOK = 'txcd_35010000';
const GENERAL = 'txcd_99999999';
const SHIPPING = 'txcd_92010001';

type Address = Stripe.Tax.CalculationCreateParams.CustomerDetails.Address;
const ADDRESSES = {
  newYork: {
    line1: '350 5th Ave',
    city: 'New York',
    state: 'NY',
    postal_code: '10118',
    country: 'US',
  },
  oregon: {
    line1: '1221 SW 4th Ave',
    city: 'Portland',
    state: 'OR',
    postal_code: '97204',
    country: 'US',
  },
  california: {
    line1: '354 Oyster Point Blvd',
    city: 'South San Francisco',
    state: 'CA',
    postal_code: '94080',
    country: 'US',
  },
  texas: {
    line1: '1100 Congress Ave',
    city: 'Austin',
    state: 'TX',
    postal_code: '78701',
    country: 'US',
  },
  london: { line1: '10 Downing St', city: 'London', postal_code: 'SW1A 2AA', country: 'GB' },
  berlin: { line1: 'Pariser Platz 1', city: 'Berlin', postal_code: '10117', country: 'DE' },
  paris: { line1: '1 Rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' },
} satisfies Record<string, Address>;

let emulator: TestStripe | undefined;
let stripe: Stripe;

function emu(): TestStripe {
  if (!emulator) throw new Error('This check needs the emulator and must not run against Stripe.');
  return emulator;
}

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

type Line = Stripe.Tax.CalculationCreateParams.LineItem;

function calculate(
  address: Address,
  lineItems: Line[],
  extra: Partial<Stripe.Tax.CalculationCreateParams> = {},
  options?: Stripe.RequestOptions,
) {
  return stripe.tax.calculations.create(
    {
      currency: address.country === 'US' ? 'usd' : address.country === 'GB' ? 'gbp' : 'eur',
      line_items: lineItems,
      customer_details: { address, address_source: 'shipping' },
      ...extra,
    },
    options,
  );
}

const book = (amount: number, reference = 'book-1', extra: Partial<Line> = {}): Line => ({
  amount,
  reference,
  tax_code: BOOK,
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

/** Stripe records some of what follows a payment a moment later; the emulator at once. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + (onStripe ? STRIPE_SETTLE_TIMEOUT_MS : 0);
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const onlyBreakdown = (calculation: Stripe.Tax.Calculation) => {
  expect(calculation.tax_breakdown).toHaveLength(1);
  return calculation.tax_breakdown[0]!;
};

describe('tax calculations: what each place charges on a printed book', () => {
  it('New York taxes printed books', async () => {
    const calculation = await calculate(ADDRESSES.newYork, [book(2000)]);
    expect(calculation.id).toMatch(/^taxcalc_/);
    expect(calculation).toMatchObject({
      object: 'tax.calculation',
      currency: 'usd',
      livemode: false,
      tax_amount_inclusive: 0,
      customer_details: { address_source: 'shipping', taxability_override: 'none' },
    });
    const entry = onlyBreakdown(calculation);
    expect(entry).toMatchObject({
      inclusive: false,
      taxability_reason: 'standard_rated',
      taxable_amount: 2000,
      tax_rate_details: { country: 'US', state: 'NY', tax_type: 'sales_tax' },
    });
    expect(calculation.tax_amount_exclusive).toBeGreaterThan(0);
    expect(calculation.amount_total).toBe(2000 + calculation.tax_amount_exclusive);
    expect(calculation.expires_at).toBe(
      onEmulator ? calculation.tax_date + 90 * 24 * 60 * 60 : calculation.expires_at,
    );
    if (onEmulator) {
      // The emulator's sample New York City rate: 8.875 % of 20.00, rounded half up.
      expect(entry.tax_rate_details.percentage_decimal).toBe('8.875');
      expect(calculation).toMatchObject({ tax_amount_exclusive: 178, amount_total: 2178 });
    }
  });

  it('Oregon has no sales tax: Stripe collects nothing there', async () => {
    const calculation = await calculate(ADDRESSES.oregon, [book(2000)]);
    expect(calculation).toMatchObject({ amount_total: 2000, tax_amount_exclusive: 0 });
    expect(onlyBreakdown(calculation)).toMatchObject({
      amount: 0,
      taxable_amount: 0,
      taxability_reason: 'not_collecting',
    });
  });

  it('the United Kingdom zero-rates printed books, and charges 20 % VAT on other goods', async () => {
    const calculation = await calculate(ADDRESSES.london, [
      book(1500),
      { amount: 1000, reference: 'mug', tax_code: GENERAL },
    ]);
    const byReason = Object.fromEntries(
      calculation.tax_breakdown.map((entry) => [entry.taxability_reason, entry]),
    );
    expect(byReason.zero_rated).toMatchObject({
      amount: 0,
      tax_rate_details: { country: 'GB', percentage_decimal: '0.0', tax_type: 'vat' },
    });
    expect(byReason.standard_rated).toMatchObject({
      amount: 200,
      taxable_amount: 1000,
      tax_rate_details: { country: 'GB', percentage_decimal: '20.0', tax_type: 'vat' },
    });
    expect(calculation).toMatchObject({ tax_amount_exclusive: 200, amount_total: 2700 });
  });

  it('Germany taxes books at its reduced rate of 7 %, tax included in the price', async () => {
    const calculation = await calculate(ADDRESSES.berlin, [
      book(1070, 'book-1', { tax_behavior: 'inclusive' }),
    ]);
    expect(calculation).toMatchObject({
      amount_total: 1070,
      tax_amount_exclusive: 0,
      tax_amount_inclusive: 70,
    });
    expect(onlyBreakdown(calculation)).toMatchObject({
      amount: 70,
      inclusive: true,
      taxable_amount: 1000,
      taxability_reason: 'reduced_rated',
      tax_rate_details: { country: 'DE', percentage_decimal: '7.0', tax_type: 'vat' },
    });
  });

  it('France taxes books at its reduced rate of 5.5 %, rounded per line', async () => {
    // 5.5 % of 19.99 is 1.09945, of 5.00 is 0.275: 110 and 28 once each line is rounded.
    const calculation = await calculate(ADDRESSES.paris, [book(1999, 'a'), book(500, 'b')]);
    expect(onlyBreakdown(calculation)).toMatchObject({
      amount: 138,
      taxable_amount: 2499,
      taxability_reason: 'reduced_rated',
      tax_rate_details: { country: 'FR', percentage_decimal: '5.5', tax_type: 'vat' },
    });
    expect(calculation.amount_total).toBe(2499 + 138);
  });
});

describe('tax calculations: shipping', () => {
  it('New York and Texas tax shipping; California does not tax it', async () => {
    const shipping_cost = { amount: 500, tax_code: SHIPPING };
    const newYork = await calculate(ADDRESSES.newYork, [book(2000)], { shipping_cost });
    expect(newYork.shipping_cost).toMatchObject({
      amount: 500,
      tax_behavior: 'exclusive',
      tax_code: SHIPPING,
    });
    expect(newYork.shipping_cost!.amount_tax).toBeGreaterThan(0);
    const texas = await calculate(ADDRESSES.texas, [book(2000)], { shipping_cost });
    expect(texas.shipping_cost!.amount_tax).toBeGreaterThan(0);

    const california = await calculate(ADDRESSES.california, [book(1499)], { shipping_cost });
    expect(california.shipping_cost).toMatchObject({ amount: 500, amount_tax: 0 });
    expect(california.tax_breakdown).toContainEqual(
      expect.objectContaining({ amount: 0, taxability_reason: 'product_exempt' }),
    );
    expect(california.amount_total).toBe(1499 + 500 + california.tax_amount_exclusive);
    if (onEmulator) {
      // Stripe's own example calculation: 14.99 in South San Francisco, 3.00 shipping untaxed.
      expect(california.tax_amount_exclusive).toBe(148);
      expect(newYork.shipping_cost!.amount_tax).toBe(44);
    }
  });

  it('charges the standard VAT rate on shipping in the United Kingdom and Germany', async () => {
    const london = await calculate(ADDRESSES.london, [book(1500)], {
      shipping_cost: { amount: 400, tax_code: SHIPPING },
    });
    expect(london.shipping_cost).toMatchObject({ amount: 400, amount_tax: 80 });
    expect(london.tax_breakdown).toContainEqual(
      expect.objectContaining({
        amount: 80,
        taxability_reason: 'standard_rated',
        tax_rate_details: expect.objectContaining({ percentage_decimal: '20.0' }) as unknown,
      }),
    );
    const berlin = await calculate(ADDRESSES.berlin, [book(1000)], {
      shipping_cost: { amount: 500, tax_code: SHIPPING, tax_behavior: 'inclusive' },
    });
    // 19 % VAT included in 5.00: 0.798…, rounded to 80.
    expect(berlin.shipping_cost).toMatchObject({ amount: 500, amount_tax: 80 });
    expect(berlin.amount_total).toBe(1000 + 70 + 500);
  });

  it('shows the shipping cost’s detailed breakdown when expanded', async () => {
    const calculation = await calculate(ADDRESSES.london, [book(1500)], {
      shipping_cost: { amount: 400 },
      expand: ['shipping_cost.tax_breakdown'],
    });
    expect(calculation.shipping_cost).toMatchObject({ tax_code: SHIPPING, amount_tax: 80 });
    expect(calculation.shipping_cost!.tax_breakdown).toEqual([
      expect.objectContaining({
        amount: 80,
        jurisdiction: expect.objectContaining({ country: 'GB', level: 'country' }) as unknown,
        sourcing: 'destination',
        taxability_reason: 'standard_rated',
        taxable_amount: 400,
      }),
    ]);
  });
});

describe('tax calculations: retrieving and listing line items', () => {
  it('retrieves a calculation and lists its line items in order, with their breakdown', async () => {
    const created = await calculate(ADDRESSES.berlin, [
      book(1000, 'first'),
      { amount: 2000, reference: 'second', tax_code: GENERAL, quantity: 2 },
      book(500, 'third'),
    ]);
    expect(created).not.toHaveProperty('line_items');
    const retrieved = await stripe.tax.calculations.retrieve(created.id!, {
      expand: ['line_items'],
    });
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.line_items?.data.map((l) => l.reference)).toEqual([
      'first',
      'second',
      'third',
    ]);

    const page = await stripe.tax.calculations.listLineItems(created.id!, { limit: 2 });
    expect(page).toMatchObject({
      object: 'list',
      has_more: true,
      url: `/v1/tax/calculations/${created.id}/line_items`,
    });
    expect(page.data.map((l) => [l.reference, l.amount, l.amount_tax])).toEqual([
      ['first', 1000, 70],
      ['second', 2000, 380],
    ]);
    expect(page.data[0]).toMatchObject({
      object: 'tax.calculation_line_item',
      quantity: 1,
      tax_behavior: 'exclusive',
      tax_code: BOOK,
    });
    expect(page.data[0]!.id).toMatch(/^tax_li_/);
    expect(page.data[0]).not.toHaveProperty('tax_breakdown');
    const rest = await stripe.tax.calculations.listLineItems(created.id!, {
      starting_after: page.data[1]!.id,
      expand: ['data.tax_breakdown'],
    });
    expect(rest.has_more).toBe(false);
    expect(rest.data).toHaveLength(1);
    expect(rest.data[0]).toMatchObject({ reference: 'third', amount_tax: 35 });
    expect(rest.data[0]!.tax_breakdown).toEqual([
      expect.objectContaining({
        amount: 35,
        jurisdiction: expect.objectContaining({ country: 'DE', level: 'country' }) as unknown,
        sourcing: 'destination',
        tax_rate_details: expect.objectContaining({
          percentage_decimal: '7.0',
          tax_type: 'vat',
        }) as unknown,
        taxability_reason: 'reduced_rated',
        taxable_amount: 500,
      }),
    ]);
  });

  it('answers 404 for a calculation it does not know', async () => {
    const error = await refusal(stripe.tax.calculations.retrieve('taxcalc_missing'));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  // Emulator only: it moves the emulator's clock past the 90 days a calculation lives.
  it.skipIf(onStripe)('forgets a calculation once it has expired', async () => {
    const calculation = await calculate(ADDRESSES.paris, [book(1000)]);
    await emu().control('POST', 'clock', { advanceSeconds: 90 * 24 * 60 * 60 });
    const error = await refusal(stripe.tax.calculations.retrieve(calculation.id!));
    expect(error.statusCode).toBe(404);
  });
});

describe('tax calculations: refusals', () => {
  it('refuses a calculation without a customer address', async () => {
    const error = await refusal(
      stripe.tax.calculations.create({
        currency: 'usd',
        line_items: [book(1000)],
        customer_details: { address_source: 'shipping' },
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(400);
    expect(error.param).toMatch(/^customer_details/);
    if (onEmulator)
      expect(error.message).toBe('Missing required param: customer_details[address].');
  });

  it.each([
    ['a ZIP code that is not one', { ...ADDRESSES.newYork, postal_code: 'ABCDE' }],
    ['a New York address with a Californian ZIP', { ...ADDRESSES.newYork, postal_code: '94080' }],
  ])('refuses an address Stripe cannot place: %s', async (_label, address) => {
    const error = await refusal(calculate(address, [book(1000)]));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'customer_tax_location_invalid',
      param: 'customer_details[address]',
      message:
        "We could not determine the customer's tax location based on the provided customer address.",
    });
  });

  it('refuses a tax code Stripe does not have', async () => {
    const error = await refusal(
      calculate(ADDRESSES.berlin, [{ amount: 1000, reference: 'x', tax_code: 'txcd_99999998' }]),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'line_items[0][tax_code]' });
    expect(error.message).toMatch(/Invalid tax code/i);
  });

  it('refuses a tax_behavior other than exclusive or inclusive', async () => {
    const error = await refusal(
      calculate(ADDRESSES.berlin, [
        book(1000, 'x', { tax_behavior: 'sometimes' as Line['tax_behavior'] }),
      ]),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'line_items[0][tax_behavior]' });
  });
});

/** A recorded sale: a book and a mug shipped to Berlin (7 % and 19 % VAT, shipping 19 %). */
async function berlinSale(reference = unique('order')) {
  const calculation = await calculate(
    ADDRESSES.berlin,
    [book(1000, 'L1'), { amount: 2000, reference: 'L2', tax_code: GENERAL }],
    { shipping_cost: { amount: 500, tax_code: SHIPPING } },
  );
  const transaction = await stripe.tax.transactions.createFromCalculation({
    calculation: calculation.id!,
    reference,
    expand: ['line_items'],
  });
  return { calculation, transaction, reference };
}

describe('tax transactions', () => {
  it('records a sale from a calculation, as it was calculated', async () => {
    const { calculation, transaction, reference } = await berlinSale();
    expect(transaction.id).toMatch(/^tax_/);
    expect(transaction).toMatchObject({
      object: 'tax.transaction',
      type: 'transaction',
      reference,
      reversal: null,
      currency: 'eur',
      tax_date: calculation.tax_date,
      shipping_cost: { amount: 500, amount_tax: 95, tax_code: SHIPPING },
      customer_details: { address: { country: 'DE', postal_code: '10117' } },
    });
    expect(transaction.line_items?.data.map((l) => [l.reference, l.amount, l.amount_tax])).toEqual([
      ['L1', 1000, 70],
      ['L2', 2000, 380],
    ]);
    expect(transaction.line_items?.data[0]).toMatchObject({
      object: 'tax.transaction_line_item',
      type: 'transaction',
      reversal: null,
      tax_code: BOOK,
    });

    const retrieved = await stripe.tax.transactions.retrieve(transaction.id);
    expect(retrieved).toMatchObject({ id: transaction.id, reference });
    expect(retrieved).not.toHaveProperty('line_items');
    const lines = await stripe.tax.transactions.listLineItems(transaction.id);
    expect(lines.data.map((l) => l.id)).toEqual(transaction.line_items?.data.map((l) => l.id));
    expect(lines.url).toBe(`/v1/tax/transactions/${transaction.id}/line_items`);
  });

  it('makes a calculation into one transaction only', async () => {
    const { calculation } = await berlinSale();
    const error = await refusal(
      stripe.tax.transactions.createFromCalculation({
        calculation: calculation.id!,
        reference: unique('again'),
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(400);
  });

  it('refuses a reference already used by another transaction, reversals included', async () => {
    const { transaction, reference } = await berlinSale();
    const fresh = await calculate(ADDRESSES.paris, [book(1000)]);
    const reused = await refusal(
      stripe.tax.transactions.createFromCalculation({ calculation: fresh.id!, reference }),
    );
    expect(reused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(reused).toMatchObject({ statusCode: 400, param: 'reference' });

    const refundReference = unique('refund');
    await stripe.tax.transactions.createReversal({
      mode: 'full',
      original_transaction: transaction.id,
      reference: refundReference,
    });
    const reusedByReversal = await refusal(
      stripe.tax.transactions.createFromCalculation({
        calculation: fresh.id!,
        reference: refundReference,
      }),
    );
    expect(reusedByReversal).toMatchObject({ statusCode: 400, param: 'reference' });
    // The calculation is still unused: it becomes a transaction under a new reference.
    const recorded = await stripe.tax.transactions.createFromCalculation({
      calculation: fresh.id!,
      reference: unique('fresh'),
    });
    expect(recorded.type).toBe('transaction');
  });

  // Emulator only: it moves the emulator's clock past the 90 days a calculation lives.
  it.skipIf(onStripe)('refuses a calculation that has expired', async () => {
    const calculation = await calculate(ADDRESSES.paris, [book(1000)]);
    await emu().control('POST', 'clock', { advanceSeconds: 90 * 24 * 60 * 60 + 1 });
    const error = await refusal(
      stripe.tax.transactions.createFromCalculation({
        calculation: calculation.id!,
        reference: unique('late'),
      }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'calculation' });
  });
});

describe('tax reversals', () => {
  it('reverses a sale in full: every line and the shipping, with opposite signs', async () => {
    const { transaction } = await berlinSale();
    const reversal = await stripe.tax.transactions.createReversal({
      mode: 'full',
      original_transaction: transaction.id,
      reference: unique('cancel'),
      expand: ['line_items'],
    });
    expect(reversal).toMatchObject({
      type: 'reversal',
      reversal: { original_transaction: transaction.id },
      shipping_cost: { amount: -500, amount_tax: -95 },
    });
    expect(
      reversal.line_items?.data.map((l) => [
        l.reference,
        l.amount,
        l.amount_tax,
        l.type,
        l.reversal?.original_line_item,
      ]),
    ).toEqual(
      transaction.line_items!.data.map((l) => [
        l.reference,
        -l.amount,
        -l.amount_tax,
        'reversal',
        l.id,
      ]),
    );
  });

  it('reverses chosen line items in part, and refuses more than is left', async () => {
    const { transaction } = await berlinSale();
    const [bookLine, mugLine] = transaction.line_items!.data;
    const partial = await stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: transaction.id,
      reference: unique('refund-book'),
      line_items: [
        {
          original_line_item: bookLine!.id,
          reference: 'L1-refund',
          amount: -1000,
          amount_tax: -70,
        },
      ],
      expand: ['line_items'],
    });
    expect(partial).toMatchObject({ type: 'reversal', shipping_cost: null });
    expect(partial.line_items?.data).toEqual([
      expect.objectContaining({
        reference: 'L1-refund',
        amount: -1000,
        amount_tax: -70,
        type: 'reversal',
        reversal: { original_line_item: bookLine!.id },
      }),
    ]);
    const shippingOnly = await stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: transaction.id,
      reference: unique('refund-shipping'),
      shipping_cost: { amount: -500, amount_tax: -95 },
    });
    expect(shippingOnly.shipping_cost).toMatchObject({ amount: -500, amount_tax: -95 });

    const tooMuch = await refusal(
      stripe.tax.transactions.createReversal({
        mode: 'partial',
        original_transaction: transaction.id,
        reference: unique('refund-too-much'),
        line_items: [
          {
            original_line_item: mugLine!.id,
            reference: 'L2-refund',
            amount: -2000,
            amount_tax: -381,
          },
        ],
      }),
    );
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch.statusCode).toBe(400);
  });

  it('spreads a flat amount over what is left of each line and the shipping', async () => {
    const { transaction } = await berlinSale();
    // Left: 10.70 (book), 23.80 (mug), 5.95 (shipping): 40.45 in all; a refund of half.
    const reversal = await stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: transaction.id,
      reference: unique('refund-half'),
      flat_amount: -2023,
      expand: ['line_items'],
    });
    const lines = reversal.line_items!.data;
    expect(lines.map((l) => l.reversal?.original_line_item)).toEqual(
      transaction.line_items!.data.map((l) => l.id),
    );
    const total =
      lines.reduce((sum, l) => sum + l.amount + l.amount_tax, 0) +
      reversal.shipping_cost!.amount +
      reversal.shipping_cost!.amount_tax;
    expect(total).toBe(-2023);
    if (onEmulator) {
      expect(lines.map((l) => [l.reference, l.amount, l.amount_tax])).toEqual([
        ['refund_li_1', -500, -35],
        ['refund_li_2', -1000, -190],
      ]);
      expect(reversal.shipping_cost).toMatchObject({ amount: -250, amount_tax: -48 });
    }
  });

  it('undoes a partial refund by reversing the reversal in full', async () => {
    const { transaction } = await berlinSale();
    const bookLine = transaction.line_items!.data[0]!;
    const partial = await stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: transaction.id,
      reference: unique('refund-1'),
      line_items: [
        { original_line_item: bookLine.id, reference: 'L1', amount: -1000, amount_tax: -70 },
      ],
      expand: ['line_items'],
    });
    const undo = await stripe.tax.transactions.createReversal({
      mode: 'full',
      original_transaction: partial.id,
      reference: unique('refund-1-cancel'),
      expand: ['line_items'],
    });
    expect(undo).toMatchObject({
      type: 'reversal',
      reversal: { original_transaction: partial.id },
    });
    expect(undo.line_items?.data).toEqual([
      expect.objectContaining({
        amount: 1000,
        amount_tax: 70,
        reversal: { original_line_item: partial.line_items!.data[0]!.id },
      }),
    ]);
    // The book can be refunded again.
    const again = await stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: transaction.id,
      reference: unique('refund-2'),
      line_items: [
        { original_line_item: bookLine.id, reference: 'L1', amount: -1000, amount_tax: -70 },
      ],
    });
    expect(again.type).toBe('reversal');
  });

  it('refuses a reversal reference already in use', async () => {
    const { transaction, reference } = await berlinSale();
    const error = await refusal(
      stripe.tax.transactions.createReversal({
        mode: 'full',
        original_transaction: transaction.id,
        reference,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'reference' });
  });
});

const hookOf = (intent: Stripe.PaymentIntent) => intent.hooks?.inputs?.tax?.calculation;

describe('a calculation linked to a PaymentIntent', () => {
  it('shows the link on the intent, replaces and removes it', async () => {
    const first = await calculate(ADDRESSES.newYork, [book(2000)]);
    const intent = await stripe.paymentIntents.create({
      amount: first.amount_total,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      hooks: { inputs: { tax: { calculation: first.id! } } },
    });
    expect(hookOf(intent)).toBe(first.id);
    expect(intent.amount).toBe(first.amount_total);

    const second = await calculate(ADDRESSES.newYork, [book(2500)]);
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: second.amount_total,
      hooks: { inputs: { tax: { calculation: second.id! } } },
    });
    expect(hookOf(updated)).toBe(second.id);
    expect((await stripe.paymentIntents.retrieve(intent.id)).amount).toBe(second.amount_total);

    if (onEmulator) {
      const unlinked = await stripe.paymentIntents.update(intent.id, {
        hooks: { inputs: { tax: { calculation: '' } } },
      });
      expect(unlinked).not.toHaveProperty('hooks');
    }
  });

  it('does not change the amount to the calculation’s total', async () => {
    const calculation = await calculate(ADDRESSES.newYork, [book(2000)]);
    const intent = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      hooks: { inputs: { tax: { calculation: calculation.id! } } },
    });
    expect(intent.amount).toBe(5000);
  });

  it('records the tax transaction when the intent succeeds, and reverses tax on a refund', async () => {
    const calculation = await calculate(ADDRESSES.newYork, [book(2000)], {
      shipping_cost: { amount: 500, tax_code: SHIPPING },
    });
    const intent = await stripe.paymentIntents.create({
      amount: calculation.amount_total,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      hooks: { inputs: { tax: { calculation: calculation.id! } } },
      payment_method: 'pm_card_visa',
      confirm: true,
      return_url: RETURN_URL,
    });
    expect(intent.status).toBe('succeeded');

    const committed = await until(
      () => stripe.tax.associations.find({ payment_intent: intent.id }),
      (a) => (a.tax_transaction_attempts ?? []).some((t) => t.status === 'committed'),
    );
    expect(committed).toMatchObject({
      object: 'tax.association',
      calculation: calculation.id,
      payment_intent: intent.id,
    });
    const sale = committed.tax_transaction_attempts!.find((t) => t.source === intent.id)!;
    expect(sale.status).toBe('committed');
    const transaction = await stripe.tax.transactions.retrieve(sale.committed!.transaction, {
      expand: ['line_items'],
    });
    expect(transaction).toMatchObject({
      type: 'transaction',
      reference: intent.id,
      shipping_cost: { amount: 500, amount_tax: calculation.shipping_cost!.amount_tax },
    });
    // The calculation has become that transaction: it cannot become another.
    const again = await refusal(
      stripe.tax.transactions.createFromCalculation({
        calculation: calculation.id!,
        reference: unique('manual'),
      }),
    );
    expect(again.statusCode).toBe(400);

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    const reversed = await until(
      () => stripe.tax.associations.find({ payment_intent: intent.id }),
      (a) => (a.tax_transaction_attempts ?? []).some((t) => t.source === refund.id),
    );
    const attempt = reversed.tax_transaction_attempts!.find((t) => t.source === refund.id)!;
    expect(attempt.status).toBe('committed');
    const reversal = await stripe.tax.transactions.retrieve(attempt.committed!.transaction, {
      expand: ['line_items'],
    });
    expect(reversal).toMatchObject({
      type: 'reversal',
      reversal: { original_transaction: transaction.id },
    });
    const reversedTotal =
      reversal.line_items!.data.reduce((sum, l) => sum + l.amount + l.amount_tax, 0) +
      (reversal.shipping_cost
        ? reversal.shipping_cost.amount + reversal.shipping_cost.amount_tax
        : 0);
    expect(reversedTotal).toBe(-1000);
  });

  // Emulator only: it settles the failing refund now instead of "some time later".
  it.skipIf(onStripe)('gives the tax back when a refund fails', async () => {
    await emu().control('POST', 'refunds', { settleDelayMs: 10 * 60_000 });
    const calculation = await calculate(ADDRESSES.newYork, [book(2000)]);
    const intent = await stripe.paymentIntents.create({
      amount: calculation.amount_total,
      currency: 'usd',
      hooks: { inputs: { tax: { calculation: calculation.id! } } },
      payment_method: 'pm_card_refundFail',
      confirm: true,
      return_url: RETURN_URL,
    });
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    await emu().control('POST', 'refunds/settle');
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('failed');
    const association = await stripe.tax.associations.find({ payment_intent: intent.id });
    const forRefund = association.tax_transaction_attempts!.filter((t) => t.source === refund.id);
    expect(forRefund.map((t) => t.status)).toEqual(['committed', 'committed']);
    const [reversal, undo] = await Promise.all(
      forRefund.map((t) => stripe.tax.transactions.retrieve(t.committed!.transaction)),
    );
    expect(reversal).toMatchObject({ type: 'reversal', reference: refund.id });
    expect(undo).toMatchObject({
      type: 'reversal',
      reversal: { original_transaction: reversal!.id },
    });
    const lines = await stripe.tax.transactions.listLineItems(undo!.id);
    expect(lines.data.map((l) => [l.amount, l.amount_tax])).toEqual([[2000, 178]]);
  });

  it('refuses to link a calculation once the intent has succeeded', async () => {
    const calculation = await calculate(ADDRESSES.newYork, [book(2000)]);
    const intent = await stripe.paymentIntents.create({
      amount: calculation.amount_total,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      payment_method: 'pm_card_visa',
      confirm: true,
      return_url: RETURN_URL,
    });
    const later = await calculate(ADDRESSES.newYork, [book(2000)]);
    const error = await refusal(
      stripe.paymentIntents.update(intent.id, {
        hooks: { inputs: { tax: { calculation: later.id! } } },
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('refuses to link a calculation that does not exist', async () => {
    const error = await refusal(
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        automatic_payment_methods: { enabled: true },
        hooks: { inputs: { tax: { calculation: 'taxcalc_missing' } } },
      }),
    );
    expect(error).toMatchObject({ code: 'resource_missing' });
  });
});

const updateRefusal = (field: string, status: string) =>
  `This PaymentIntent's ${field} could not be updated because it has a status of ${status}. You may only update the ${field} of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`;

const SHIPPING_DETAILS: Stripe.PaymentIntentUpdateParams.Shipping = {
  name: 'Ada Lovelace',
  address: {
    line1: '350 5th Ave',
    city: 'New York',
    state: 'NY',
    postal_code: '10118',
    country: 'US',
  },
};

describe('PaymentIntent updates', () => {
  const newIntent = (params: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    stripe.paymentIntents.create({
      amount: 2599,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      ...(params.confirm ? { return_url: RETURN_URL } : {}),
      ...params,
    });

  const updatable = async (intent: Stripe.PaymentIntent) => {
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: 3100,
      shipping: SHIPPING_DETAILS,
      metadata: { quote: 'q2' },
    });
    expect(updated).toMatchObject({
      amount: 3100,
      metadata: { quote: 'q2' },
      shipping: { name: 'Ada Lovelace', address: { postal_code: '10118' } },
    });
    return updated;
  };

  it('changes amount, shipping and metadata while awaiting a payment method', async () => {
    const intent = await newIntent();
    expect(intent.status).toBe('requires_payment_method');
    expect((await updatable(intent)).status).toBe('requires_payment_method');
  });

  it('changes them while awaiting confirmation', async () => {
    const intent = await newIntent({ payment_method: 'pm_card_visa' });
    expect(intent.status).toBe('requires_confirmation');
    await updatable(intent);
  });

  it('changes them while awaiting 3D Secure', async () => {
    const intent = await newIntent({
      payment_method: 'pm_card_threeDSecure2Required',
      confirm: true,
    });
    expect(intent.status).toBe('requires_action');
    await updatable(intent);
  });

  it('refuses amount and shipping once the intent has succeeded, but takes metadata', async () => {
    const intent = await newIntent({ payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');
    const amount = await refusal(stripe.paymentIntents.update(intent.id, { amount: 100 }));
    expect(amount).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(amount).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
      param: 'amount',
      message: updateRefusal('amount', 'succeeded'),
    });
    expect(amount.payment_intent?.id).toBe(intent.id);
    const shipping = await refusal(
      stripe.paymentIntents.update(intent.id, { shipping: SHIPPING_DETAILS }),
    );
    expect(shipping).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    if (onEmulator) {
      expect(shipping).toMatchObject({
        param: 'shipping',
        message: updateRefusal('shipping', 'succeeded'),
      });
    }
    const tagged = await stripe.paymentIntents.update(intent.id, {
      metadata: { tax_transaction: 'tax_123' },
    });
    expect(tagged).toMatchObject({ status: 'succeeded', metadata: { tax_transaction: 'tax_123' } });
  });

  it('refuses a new amount while an authorization awaits capture, and once canceled', async () => {
    const held = await newIntent({
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
    });
    expect(held.status).toBe('requires_capture');
    const error = await refusal(stripe.paymentIntents.update(held.id, { amount: 100 }));
    expect(error).toMatchObject({
      code: 'payment_intent_unexpected_state',
      param: 'amount',
      message: updateRefusal('amount', 'requires_capture'),
    });
    const canceled = await stripe.paymentIntents.cancel((await newIntent()).id);
    const after = await refusal(stripe.paymentIntents.update(canceled.id, { amount: 100 }));
    expect(after).toMatchObject({
      code: 'payment_intent_unexpected_state',
      message: updateRefusal('amount', 'canceled'),
    });
  });
});

describe('idempotency across these endpoints', () => {
  it('replays a calculation for the same key and parameters', async () => {
    const idempotencyKey = unique('calc');
    const first = await calculate(ADDRESSES.paris, [book(1000)], {}, { idempotencyKey });
    const again = await calculate(ADDRESSES.paris, [book(1000)], {}, { idempotencyKey });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the same key with other parameters, with Stripe’s message', async () => {
    const idempotencyKey = unique('quote');
    await calculate(ADDRESSES.paris, [book(1000)], {}, { idempotencyKey });
    const error = await refusal(calculate(ADDRESSES.paris, [book(1200)], {}, { idempotencyKey }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({
      statusCode: 400,
      rawType: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    });
  });

  it('refuses the same key on another endpoint, naming this request’s path first', async () => {
    const idempotencyKey = unique('cart');
    const intent = await stripe.paymentIntents.create(
      { amount: 2599, currency: 'usd', automatic_payment_methods: { enabled: true } },
      { idempotencyKey },
    );
    const error = await refusal(
      stripe.paymentIntents.update(intent.id, { amount: 2699 }, { idempotencyKey }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({
      statusCode: 400,
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('/v1/payment_intents/${intent.id}' vs '/v1/payment_intents'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).amount).toBe(2599);
  });
});

/*
 * The keys of Stripe's example objects, from openapi/fixtures3.json in
 * github.com/stripe/openapi (MIT licence, © Stripe, Inc.).
 */
const EXAMPLE_KEYS: Record<string, string[]> = {
  'tax.calculation': [
    'amount_total',
    'currency',
    'customer',
    'customer_details',
    'expires_at',
    'id',
    'livemode',
    'object',
    'ship_from_details',
    'shipping_cost',
    'tax_amount_exclusive',
    'tax_amount_inclusive',
    'tax_breakdown',
    'tax_date',
  ],
  'tax.calculation_line_item': [
    'amount',
    'amount_tax',
    'id',
    'livemode',
    'metadata',
    'object',
    'product',
    'quantity',
    'reference',
    'tax_behavior',
    'tax_code',
  ],
  'tax.transaction': [
    'created',
    'currency',
    'customer',
    'customer_details',
    'id',
    'line_items',
    'livemode',
    'metadata',
    'object',
    'posted_at',
    'reference',
    'reversal',
    'ship_from_details',
    'shipping_cost',
    'tax_date',
    'type',
  ],
  'tax.transaction_line_item': [
    'amount',
    'amount_tax',
    'id',
    'livemode',
    'metadata',
    'object',
    'product',
    'quantity',
    'reference',
    'reversal',
    'tax_behavior',
    'tax_code',
    'type',
  ],
  'tax.association': ['calculation', 'id', 'object', 'payment_intent', 'tax_transaction_attempts'],
};

describe("tax objects carry every key of Stripe's example objects", () => {
  it('calculations, transactions, their line items and associations', async () => {
    const { calculation, transaction } = await berlinSale();
    const line = (await stripe.tax.calculations.listLineItems(calculation.id!)).data[0]!;
    const linked = await calculate(ADDRESSES.newYork, [book(2000)]);
    const intent = await stripe.paymentIntents.create({
      amount: linked.amount_total,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      hooks: { inputs: { tax: { calculation: linked.id! } } },
    });
    const association = await stripe.tax.associations.find({ payment_intent: intent.id });
    const objects: Record<string, object> = {
      'tax.calculation': calculation,
      'tax.calculation_line_item': line,
      'tax.transaction': transaction,
      'tax.transaction_line_item': transaction.line_items!.data[0]!,
      'tax.association': association,
    };
    for (const [name, keys] of Object.entries(EXAMPLE_KEYS)) {
      const object = objects[name]!;
      expect(
        keys.filter((key) => !(key in object)),
        name,
      ).toEqual([]);
      expect((object as { object: string }).object).toBe(name);
    }
    expect(Object.keys(calculation.tax_breakdown[0]!.tax_rate_details).sort()).toEqual([
      'country',
      'flat_amount',
      'percentage_decimal',
      'rate_type',
      'state',
      'tax_type',
    ]);
  });
});
