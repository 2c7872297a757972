import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkCode, refusalMessage, type DiscountCode } from '@/lib/pricing/discount-codes';
import {
  codeUsage,
  commitCodeUse,
  createDiscountCode,
  disableDiscountCode,
  getDiscountCode,
  listDiscountCodes,
  releaseCodeUse,
  reserveCodeUse,
  CODE_RESERVATION_MS,
} from '@/lib/store/discount-code-store';
import { clientFor, STORE_BACKENDS, type StoreBackendUnderTest } from '../helpers/upstash-servers';

const NOW = Date.UTC(2026, 11, 1);

function code(overrides: Partial<DiscountCode> = {}): DiscountCode {
  return {
    code: 'LAST1',
    kind: 'percent',
    percentOff: 10,
    amountOff: null,
    minSubtotal: null,
    startsAt: null,
    endsAt: null,
    maxRedemptions: null,
    oncePerEmail: false,
    disabled: false,
    createdAt: NOW,
    createdBy: 'ops@folio.test',
    ...overrides,
  };
}

describe('a code refuses, and says why', () => {
  const usage = { redeemed: 0, reserved: 0, usedByEmail: false };
  it.each([
    ['unknown', null, {}],
    ['disabled', code({ disabled: true }), {}],
    ['not_yet_valid', code({ startsAt: NOW + 1 }), {}],
    ['expired', code({ endsAt: NOW }), {}],
    ['used_up', code({ maxRedemptions: 2 }), { redeemed: 1, reserved: 1 }],
    ['minimum_not_reached', code({ minSubtotal: 5000 }), {}],
    ['already_used', code({ oncePerEmail: true }), { usedByEmail: true }],
  ] as const)('%s', (reason, definition, more) => {
    expect(
      checkCode(definition, { subtotal: 4999, now: NOW, usage: { ...usage, ...more } }),
    ).toEqual({ ok: false, reason });
    expect(refusalMessage(reason, definition, 'usd')).toMatch(/discount code/);
  });

  it('says the minimum in the store currency', () => {
    expect(refusalMessage('minimum_not_reached', code({ minSubtotal: 5000 }), 'usd')).toBe(
      'That discount code needs an order of at least $50.00.',
    );
  });

  it('applies within its window and minimum', () => {
    expect(
      checkCode(code({ startsAt: NOW, endsAt: NOW + 1, minSubtotal: 4999 }), {
        subtotal: 4999,
        now: NOW,
        usage,
      }),
    ).toEqual({ ok: true, rule: { code: 'LAST1', kind: 'percent', percentOff: 10 } });
    expect(
      checkCode(code({ kind: 'amount', percentOff: null, amountOff: 500 }), {
        subtotal: 1,
        now: NOW,
        usage,
      }),
    ).toEqual({
      ok: true,
      rule: { code: 'LAST1', kind: 'amount', amountOff: 500 },
    });
  });
});

describe.each(STORE_BACKENDS)('discount codes on the %s backend', (_name, start) => {
  let backend: StoreBackendUnderTest;
  let store: Redis;
  beforeAll(async () => {
    backend = await start();
    store = clientFor(backend.upstash);
  });
  afterAll(async () => {
    await backend.stop();
  });
  beforeEach(async () => {
    await store.flushall();
  });

  it('creates a code once, lists it newest first and disables it', async () => {
    expect(await createDiscountCode(store, code())).toBe(true);
    expect(await createDiscountCode(store, code({ percentOff: 50 }))).toBe(false);
    await createDiscountCode(store, code({ code: 'NEWER', createdAt: NOW + 1 }));
    expect((await listDiscountCodes(store)).map((c) => c.code)).toEqual(['NEWER', 'LAST1']);
    expect((await disableDiscountCode(store, 'LAST1'))?.disabled).toBe(true);
    expect((await getDiscountCode(store, 'LAST1'))?.disabled).toBe(true);
    expect(await disableDiscountCode(store, 'NOPE')).toBeNull();
  });

  it('lets exactly one of 50 carts racing for the last use hold it', async () => {
    await createDiscountCode(store, code({ maxRedemptions: 3 }));
    await commitCodeUse(store, 'LAST1', { cartId: 'c-a', orderId: 'ord_a', email: null });
    await commitCodeUse(store, 'LAST1', { cartId: 'c-b', orderId: 'ord_b', email: null });
    const held = await Promise.all(
      Array.from({ length: 50 }, (_, i) => reserveCodeUse(store, 'LAST1', `cart-${i}`, 3, NOW)),
    );
    expect(held.filter(Boolean)).toHaveLength(1);
    const winner = `cart-${held.indexOf(true)}`;
    // Renewing the use it holds is free; the others stay refused.
    expect(await reserveCodeUse(store, 'LAST1', winner, 3, NOW + 1000)).toBe(true);
    expect(await reserveCodeUse(store, 'LAST1', 'cart-late', 3, NOW + 1000)).toBe(false);
    expect(await codeUsage(store, 'LAST1', { email: null, now: NOW })).toMatchObject({
      redeemed: 2,
      reserved: 1,
    });
    // Committing twice counts once.
    await commitCodeUse(store, 'LAST1', { cartId: winner, orderId: 'ord_w', email: 'a@b.co' });
    expect(
      await commitCodeUse(store, 'LAST1', { cartId: winner, orderId: 'ord_w', email: 'a@b.co' }),
    ).toBe(3);
    expect(await codeUsage(store, 'LAST1', { email: 'a@b.co', now: NOW })).toEqual({
      redeemed: 3,
      reserved: 0,
      usedByEmail: true,
    });
  });

  it('gives a use back when released or when its hold lapses', async () => {
    await createDiscountCode(store, code({ maxRedemptions: 1 }));
    expect(await reserveCodeUse(store, 'LAST1', 'cart-1', 1, NOW)).toBe(true);
    expect(await reserveCodeUse(store, 'LAST1', 'cart-2', 1, NOW)).toBe(false);
    await releaseCodeUse(store, 'LAST1', 'cart-1');
    expect(await reserveCodeUse(store, 'LAST1', 'cart-2', 1, NOW)).toBe(true);
    expect(await reserveCodeUse(store, 'LAST1', 'cart-3', 1, NOW + CODE_RESERVATION_MS + 1)).toBe(
      true,
    );
  });
});
