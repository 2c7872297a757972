import type { APIRequestContext } from '@playwright/test';
import { E2E_ADMIN_API_KEY } from '../e2e-env';
import { buyDracula } from './back-office-helpers';
import { expect, test } from './fixtures';

const auth = { authorization: `Bearer ${E2E_ADMIN_API_KEY}` };

async function order(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/admin/orders/${id}`, { headers: auth });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { order: Record<string, unknown> }).order;
}

test('the operator API refuses callers without the key, with no detail', async ({ request }) => {
  const callers: Record<string, string>[] = [
    {},
    { authorization: 'Bearer not-the-key-at-all-000' },
    { authorization: E2E_ADMIN_API_KEY },
  ];
  for (const headers of callers) {
    const response = await request.get('/api/admin/orders', { headers });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { message: 'Unauthorized.', field: null } });
  }
  // A cookie-carrying browser request is no key either.
  expect((await request.post('/api/admin/refunds', { data: {} })).status()).toBe(401);
});

test('the operator API lists, refunds (now and queued) and ships an order', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const { orderId, email } = await buyDracula(page);

  const listed = await request.get(`/api/admin/orders?q=${encodeURIComponent(email)}`, {
    headers: auth,
  });
  const { orders } = (await listed.json()) as { orders: Array<Record<string, unknown>> };
  expect(orders.map((o) => o.id)).toEqual([orderId]);
  const paid = await order(request, orderId);
  expect(paid).toMatchObject({ status: 'paid', email, currency: 'usd' });
  const total = paid.total as number;
  const intentId = paid.payment_intent_id as string;

  const filtered = await request.get('/api/admin/orders?status=shipped-ish', { headers: auth });
  expect(filtered.status()).toBe(400);
  expect(await filtered.json()).toMatchObject({ error: { field: 'status' } });

  const intent = await request.get(`/api/admin/payment-intents/${intentId}`, { headers: auth });
  expect(await intent.json()).toEqual({
    id: intentId,
    amount: total,
    amount_received: total,
    currency: 'usd',
    status: 'succeeded',
    order_id: orderId,
  });

  // Bad input: a specific message, and nothing sent to Stripe.
  const refund = (data: unknown) => request.post('/api/admin/refunds', { headers: auth, data });
  const tooMuch = await refund({ order_id: orderId, amount: total + 1 });
  expect(tooMuch.status()).toBe(422);
  expect(await tooMuch.json()).toMatchObject({ error: { field: 'amount' } });
  const fractional = await refund({ order_id: orderId, amount: 12.5 });
  expect(fractional.status()).toBe(400);
  expect(await fractional.json()).toMatchObject({
    error: { field: 'amount', message: expect.stringContaining('whole number') },
  });
  expect((await refund({ order_id: orderId, reason: 'because' })).status()).toBe(400);
  expect((await refund({ order_id: orderId, payment_intent_id: intentId })).status()).toBe(400);

  const now = await refund({ payment_intent_id: intentId, amount: 100, reason: 'duplicate' });
  expect(now.status()).toBe(200);
  expect(await now.json()).toMatchObject({ amount: 100, status: 'succeeded', order_id: orderId });

  const requestId = `req-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const queue = () =>
    request.post('/api/admin/refund-requests', {
      headers: auth,
      data: { request_id: requestId, payment_intent_id: intentId, amount: 200 },
    });
  const [first, second] = await Promise.all([queue(), queue()]);
  expect(first.status()).toBe(202);
  expect(second.status()).toBe(202);
  expect(await first.json()).toMatchObject({ request_id: requestId });
  await expect
    .poll(
      async () =>
        (await (
          await request.get(`/api/admin/refund-requests/${requestId}`, { headers: auth })
        ).json()) as Record<string, unknown>,
      { timeout: 10_000 },
    )
    .toMatchObject({
      request_id: requestId,
      status: 'succeeded',
      amount: 200,
      refund_id: expect.stringMatching(/^re_/),
    });
  expect(
    (await request.get('/api/admin/refund-requests/req-unknown-000', { headers: auth })).status(),
  ).toBe(404);

  const toShip = async () => {
    const response = await request.get(
      `/api/admin/orders?status=to_ship&q=${encodeURIComponent(email)}`,
      { headers: auth },
    );
    return ((await response.json()) as { orders: Array<{ id: string }> }).orders.map((o) => o.id);
  };
  expect(await toShip()).toEqual([orderId]);
  const ship = (data: unknown) =>
    request.post(`/api/admin/orders/${orderId}/shipment`, { headers: auth, data });
  expect((await ship({ carrier: 'DHL' })).status()).toBe(400);
  const [a, b] = await Promise.all([
    ship({ carrier: 'DHL', tracking_number: 'JD0146000' }),
    ship({ carrier: 'DHL', tracking_number: 'JD0146000' }),
  ]);
  expect([a.status(), b.status()].sort()).toEqual([200, 409]);
  const loser = a.status() === 409 ? a : b;
  expect(await loser.json()).toEqual({
    error: { message: 'This order has already been shipped.', field: null },
  });
  expect(await toShip()).toEqual([]);
  expect(await order(request, orderId)).toMatchObject({
    status: 'partially_refunded',
    amount_refunded: 300,
    shipment: { carrier: 'DHL', tracking_number: 'JD0146000' },
  });
});
