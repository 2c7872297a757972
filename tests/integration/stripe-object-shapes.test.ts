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
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['payment_intent', 'charge', 'refund', 'payment_method', 'event'])('%s', (name) => {
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
  });
});
