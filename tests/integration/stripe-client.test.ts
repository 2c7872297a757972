import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFor, createStripeClient } from '@/lib/stripe/stripe-server';
import { startTestStripe, type TestStripe } from '../helpers/stripe-emulator';

describe("the storefront's Stripe client", () => {
  it('maps STRIPE_API_BASE onto the SDK host, port and protocol, and talks to Stripe without it', () => {
    expect(connectionFor('http://127.0.0.1:12111')).toEqual({
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
    expect(connectionFor('https://stripe-proxy.example')).toEqual({
      host: 'stripe-proxy.example',
      port: 443,
      protocol: 'https',
    });
    expect(connectionFor(null)).toEqual({});
  });

  describe('against the emulator', () => {
    let t: TestStripe;
    beforeAll(async () => {
      t = await startTestStripe();
    });
    afterAll(async () => {
      await t.close();
    });

    it('creates and reads a PaymentIntent through the real SDK', async () => {
      const stripe = createStripeClient({ secretKey: 'sk_test_storefront', apiBase: t.server.url });
      const intent = await stripe.paymentIntents.create({ amount: 1299, currency: 'usd' });
      expect((await stripe.paymentIntents.retrieve(intent.id)).amount).toBe(1299);
    });
  });
});
