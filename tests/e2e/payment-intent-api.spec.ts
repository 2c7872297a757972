import Stripe from 'stripe';
import { E2E_STRIPE_PORT } from '../e2e-env';
import { expect, test } from './fixtures';

const stripe = new Stripe('sk_test_e2e_inspector', {
  host: '127.0.0.1',
  port: E2E_STRIPE_PORT,
  protocol: 'http',
  telemetry: false,
});

test('the payment-intent API prepares the cart’s one intent and quotes it for an address in place', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const post = (path: string, data: unknown, headers: Record<string, string> = {}) =>
    page.request.post(path, {
      headers: { 'content-type': 'application/json', origin, ...headers },
      data,
    });
  const prepare = (data: unknown = {}, headers: Record<string, string> = {}) =>
    post('/api/checkout/payment-intent', data, headers);

  const empty = await prepare();
  expect(empty.status()).toBe(422);
  expect(await empty.json()).toEqual({ error: { message: 'Your cart is empty.', field: null } });

  await post('/api/cart', { items: { b01: { quantity: 2 } } });
  const first = await prepare();
  expect(first.status()).toBe(200);
  const created = (await first.json()) as Record<string, unknown>;
  expect(created).toEqual({
    client_secret: expect.stringMatching(/^pi_\w+_secret_\w+$/),
    payment_intent_id: expect.stringMatching(/^pi_/),
    amount: 2598 + 499,
    currency: 'usd',
    order_id: expect.stringMatching(/^ord_/),
  });
  // A retry, or a second client, gets the same intent: the cart UUID keys it.
  expect(await (await prepare()).json()).toEqual(created);

  const uk = await prepare({
    address: { country: 'GB', postal_code: 'SW1A 1AA' },
    shipping_rate: 'express',
  });
  expect(uk.status()).toBe(200);
  const quoted = (await uk.json()) as { amount: number; payment_intent_id: string };
  expect(quoted).toMatchObject({ payment_intent_id: created.payment_intent_id });
  expect(quoted.amount).toBe(2598 + 2799 + 560);
  const intent = await stripe.paymentIntents.retrieve(quoted.payment_intent_id);
  expect(intent.amount).toBe(quoted.amount);

  const refusals: Array<[unknown, number, string | null]> = [
    [{ amount: 1 }, 400, 'amount'],
    [{ currency: 'eur' }, 400, 'currency'],
    [{ address: { country: 'KP' } }, 422, 'address.country'],
    [{ address: { country: 'USA' } }, 400, 'address.country'],
    [{ address: { country: 'US' }, shipping_rate: 'overnight' }, 400, 'shipping_rate'],
  ];
  for (const [body, status, field] of refusals) {
    const response = await prepare(body);
    expect(response.status(), JSON.stringify(body)).toBe(status);
    expect(await response.json()).toMatchObject({ error: { field } });
  }
  // Refusals changed nothing: the intent still charges the last quote.
  expect((await stripe.paymentIntents.retrieve(quoted.payment_intent_id)).amount).toBe(
    quoted.amount,
  );
  expect((await prepare({}, { origin: 'https://evil.example' })).status()).toBe(403);
  expect((await prepare('{}', { 'content-type': 'text/plain' })).status()).toBe(415);
});
