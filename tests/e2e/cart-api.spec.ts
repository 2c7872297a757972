import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';

type CartJson = {
  id: string;
  currency: string;
  items: Array<{
    bookId: string;
    title: string;
    quantity: number;
    unitAmount: number;
    lineTotal: number;
  }>;
  itemCount: number;
  subtotal: number;
  shipping: number;
  total: number;
};

test.describe('JSON cart API', () => {
  let origin: string;
  test.beforeEach(({ baseURL }) => {
    origin = new URL(baseURL ?? '').origin;
  });

  function post(
    request: APIRequestContext,
    body: string | object,
    headers: Record<string, string> = {},
  ) {
    return request.post('/api/cart', {
      headers: { 'content-type': 'application/json', origin, ...headers },
      // A Buffer is sent byte for byte; Playwright would JSON-encode a string.
      data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    });
  }

  async function getCart(request: APIRequestContext): Promise<CartJson> {
    const response = await request.get('/api/cart');
    expect(response.status()).toBe(200);
    return ((await response.json()) as { cart: CartJson }).cart;
  }

  test('replaces the cart and prices it on the server, ignoring sent prices', async ({
    request,
  }) => {
    const empty = await getCart(request);
    expect(empty).toMatchObject({ items: [], subtotal: 0, shipping: 0, total: 0, currency: 'usd' });

    const response = await post(request, {
      items: {
        b01: { quantity: 2, price: 1, unitAmount: 1 },
        b17: { quantity: 1, lineTotal: 0 },
      },
      total: 1,
    });
    expect(response.status()).toBe(200);
    const { cart } = (await response.json()) as { cart: CartJson };
    expect(cart.items).toEqual([
      {
        bookId: 'b01',
        slug: 'pride-and-prejudice',
        title: 'Pride and Prejudice',
        quantity: 2,
        unitAmount: 1299,
        lineTotal: 2598,
      },
      {
        bookId: 'b17',
        slug: 'the-time-machine',
        title: 'The Time Machine',
        quantity: 1,
        unitAmount: 799,
        lineTotal: 799,
      },
    ]);
    expect(cart).toMatchObject({ itemCount: 3, subtotal: 3397, shipping: 499, total: 3896 });
    expect(cart.id).not.toBe(empty.id);
    expect(await getCart(request)).toEqual(cart);
  });

  test('is idempotent for the same body and rotates the id for a new one', async ({ request }) => {
    const body = { items: { b02: { quantity: 3 } } };
    const first = (await (await post(request, body)).json()) as { cart: CartJson };
    const again = (await (await post(request, body)).json()) as { cart: CartJson };
    expect(again.cart).toEqual(first.cart);
    const changed = (await (await post(request, { items: { b02: { quantity: 4 } } })).json()) as {
      cart: CartJson;
    };
    expect(changed.cart.id).not.toBe(first.cart.id);
    expect(changed.cart.total).toBe(4 * 1899);
    const cleared = (await (await post(request, { items: {} })).json()) as { cart: CartJson };
    expect(cleared.cart.items).toEqual([]);
  });

  test('answers bad requests with a specific 4xx error and changes nothing', async ({
    request,
  }) => {
    await post(request, { items: { b05: { quantity: 2 } } });
    const before = await getCart(request);

    const thirtyOne = Object.fromEntries(
      Array.from({ length: 31 }, (_, i) => [`b${String(i + 1).padStart(2, '0')}`, { quantity: 1 }]),
    );
    const cases: Array<[string, Promise<APIResponse>, number, string | null, RegExp]> = [
      [
        'no Origin',
        request.post('/api/cart', {
          headers: { 'content-type': 'application/json' },
          data: Buffer.from('{"items":{}}'),
        }),
        403,
        'Origin',
        /same Origin/,
      ],
      [
        'foreign Origin',
        post(request, { items: {} }, { origin: 'https://evil.example' }),
        403,
        'Origin',
        /same Origin/,
      ],
      [
        'foreign Origin with a matching X-Forwarded-Host',
        post(
          request,
          { items: {} },
          { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
        ),
        403,
        'Origin',
        /same Origin/,
      ],
      [
        'not JSON content type',
        post(request, '{"items":{}}', { 'content-type': 'text/plain' }),
        415,
        'Content-Type',
        /application\/json/,
      ],
      ['malformed JSON', post(request, '{"items": {'), 400, null, /not valid JSON/],
      ['no items', post(request, { lines: [] }), 400, 'items', /"items" field/],
      [
        'items as an array',
        post(request, { items: [{ bookId: 'b01', quantity: 1 }] }),
        400,
        'items',
        /object keyed by book id/,
      ],
      [
        'unknown book',
        post(request, { items: { b99: { quantity: 1 } } }),
        400,
        'items.b99',
        /not in our catalog/,
      ],
      [
        'prototype key',
        post(request, '{"items":{"__proto__":{"quantity":1}}}'),
        400,
        'items.__proto__',
        /not in our catalog/,
      ],
      [
        'quantity -1',
        post(request, { items: { b01: { quantity: -1 } } }),
        400,
        'items.b01.quantity',
        /at least 1/,
      ],
      [
        'quantity 0',
        post(request, { items: { b01: { quantity: 0 } } }),
        400,
        'items.b01.quantity',
        /at least 1/,
      ],
      [
        'quantity 1.5',
        post(request, { items: { b01: { quantity: 1.5 } } }),
        400,
        'items.b01.quantity',
        /whole number/,
      ],
      [
        'quantity 1e9',
        post(request, { items: { b01: { quantity: 1e9 } } }),
        400,
        'items.b01.quantity',
        /at most 99/,
      ],
      [
        'quantity "abc"',
        post(request, { items: { b01: { quantity: 'abc' } } }),
        400,
        'items.b01.quantity',
        /must be a number/,
      ],
      [
        'quantity ""',
        post(request, { items: { b01: { quantity: '' } } }),
        400,
        'items.b01.quantity',
        /Enter a quantity/,
      ],
      [
        'quantity null',
        post(request, { items: { b01: { quantity: null } } }),
        400,
        'items.b01.quantity',
        /Enter a quantity/,
      ],
      [
        'item not an object',
        post(request, { items: { b01: 2 } }),
        400,
        'items.b01',
        /like \{"quantity": 2\}/,
      ],
      [
        '31 distinct books',
        post(request, { items: thirtyOne }),
        400,
        'items',
        /at most 30 different books/,
      ],
      [
        'oversized body',
        post(request, { items: {}, pad: 'x'.repeat(20_000) }),
        413,
        null,
        /at most 16384 bytes/,
      ],
    ];
    for (const [name, pending, status, field, message] of cases) {
      const response = await pending;
      expect(response.status(), name).toBe(status);
      const body = (await response.json()) as { error: { message: string; field: string | null } };
      expect(body.error.field, name).toBe(field);
      expect(body.error.message, name).toMatch(message);
    }
    expect(await getCart(request)).toEqual(before);
  });
});
