import { readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStripe, type TestStripe } from '../helpers/stripe-emulator';

/** Stripe's own example objects (tests/fixtures/README.md says where they come from). */
const FIXTURES = JSON.parse(readFileSync('tests/fixtures/stripe-objects.json', 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

function keysOf(name: string): string[] {
  return Object.keys(FIXTURES[name] ?? {}).sort();
}

describe("emulator objects carry every key of Stripe's example objects", () => {
  let t: TestStripe;
  const objects: Record<string, object> = {};

  beforeAll(async () => {
    t = await startTestStripe();
    const intent = await t.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    objects.payment_intent = intent;
    objects.charge = await t.stripe.charges.retrieve(intent.latest_charge as string);
    objects.refund = await t.stripe.refunds.create({ payment_intent: intent.id, amount: 100 });
    objects.payment_method = await t.stripe.paymentMethods.retrieve(
      intent.payment_method as string,
    );
    objects.event = (await t.stripe.events.list({ limit: 1 })).data[0] as Stripe.Event;
    objects.coupon = await t.stripe.coupons.create({ amount_off: 200, currency: 'usd' });
    const session = await t.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'A book' } },
          quantity: 1,
        },
      ],
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Standard',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
          },
        },
      ],
      shipping_address_collection: { allowed_countries: ['US'] },
      automatic_tax: { enabled: true },
      discounts: [{ coupon: (objects.coupon as Stripe.Coupon).id }],
      success_url: 'https://shop.example/done',
    });
    objects['checkout.session'] = session;
    objects.shipping_rate = await t.stripe.shippingRates.retrieve(
      session.shipping_options[0]!.shipping_rate as string,
    );
    objects.item = (await t.stripe.checkout.sessions.listLineItems(session.id)).data[0]!;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    'payment_intent',
    'charge',
    'refund',
    'payment_method',
    'event',
    'checkout.session',
    'coupon',
    'shipping_rate',
    'item',
  ])('%s', (name) => {
    const fixture = keysOf(name);
    expect(fixture.length).toBeGreaterThan(5);
    const emulated = Object.keys(objects[name] ?? {}).filter((k) => k !== 'lastResponse');
    expect(fixture.filter((key) => !emulated.includes(key))).toEqual([]);
    expect((objects[name] as { object?: string }).object).toBe(name);
  });

  it('fills nested objects the way Stripe does', () => {
    const charge = objects.charge as Stripe.Charge;
    expect(Object.keys(charge.outcome ?? {})).toEqual(
      expect.arrayContaining(Object.keys(FIXTURES.charge!.outcome as object)),
    );
    expect(Object.keys(charge.billing_details)).toEqual(
      expect.arrayContaining(Object.keys(FIXTURES.charge!.billing_details as object)),
    );
    const event = objects.event as Stripe.Event;
    expect(Object.keys(event.request ?? {}).sort()).toEqual(
      Object.keys(FIXTURES.event!.request as object).sort(),
    );
    const session = objects['checkout.session'] as Stripe.Checkout.Session;
    const fixture = FIXTURES['checkout.session']!;
    for (const key of ['automatic_tax', 'total_details', 'shipping_cost', 'custom_text'] as const) {
      expect(Object.keys(session[key] ?? {}).sort(), key).toEqual(
        Object.keys(fixture[key] as object).sort(),
      );
    }
    const item = objects.item as Stripe.LineItem;
    expect(Object.keys(item.price ?? {})).toEqual(
      expect.arrayContaining(Object.keys(FIXTURES.item!.price as object)),
    );
  });
});
