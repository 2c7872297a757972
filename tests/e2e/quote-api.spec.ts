import { expect, test } from './fixtures';

test('the quote API prices the cart for an address, with Stripe Tax, and refuses bad input precisely', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const quote = (data: unknown, headers: Record<string, string> = {}) =>
    page.request.post('/api/checkout/quote', {
      headers: { 'content-type': 'application/json', origin, ...headers },
      data,
    });
  await page.request.post('/api/cart', {
    headers: { 'content-type': 'application/json', origin },
    data: { items: { b01: { quantity: 2 } } },
  });

  const uk = await quote({
    address: { country: 'gb', postal_code: 'SW1A 1AA' },
    shipping_rate: 'express',
  });
  expect(uk.status()).toBe(200);
  expect(await uk.json()).toEqual({
    currency: 'usd',
    subtotal: 2598,
    discount: null,
    shipping: {
      rate: 'express',
      id: 'express',
      label: 'Express',
      amount: 2799,
      delivery_estimate: { min_business_days: 2, max_business_days: 3 },
    },
    shipping_rates: [
      expect.objectContaining({ id: 'standard', amount: 1199 }),
      expect.objectContaining({ id: 'express', amount: 2799 }),
    ],
    tax: { amount: 560, breakdown: expect.any(Array) },
    total: 2598 + 2799 + 560,
  });

  const refusals: Array<[unknown, number, string | null]> = [
    [{ address: { country: 'KP' } }, 422, 'address.country'],
    [{ address: { country: 'USA' } }, 400, 'address.country'],
    [{ address: {} }, 400, 'address.country'],
    [{ address: { country: 'US' }, shipping_rate: 'overnight' }, 400, 'shipping_rate'],
    [{ address: { country: 'US' }, discount_code: 'NOSUCHCODE' }, 422, 'discount_code'],
    [{ address: { country: 'US' }, total: 1 }, 400, 'total'],
  ];
  for (const [body, status, field] of refusals) {
    const response = await quote(body);
    expect(response.status(), JSON.stringify(body)).toBe(status);
    expect(await response.json()).toMatchObject({ error: { field } });
  }
  expect(
    (await quote({ address: { country: 'US' } }, { origin: 'https://evil.example' })).status(),
  ).toBe(403);
});
