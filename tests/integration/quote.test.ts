/** Quotes for a cart through the real Stripe client and the emulator's Stripe Tax. */
import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import { quoteCart, type QuoteRequest } from '@/lib/pricing/quote-cart';
import { createDiscountCode } from '@/lib/store/discount-code-store';
import { sdkFor, startTestStripe, type TestStripe } from '../helpers/stripe-emulator';
import {
  clientFor,
  startMemoryStore,
  type StoreBackendUnderTest,
} from '../helpers/upstash-servers';

let t: TestStripe;
let backend: StoreBackendUnderTest;
let store: Redis;

// b01 $12.99 × 2 = $25.98.
const cart = (discountCode?: string): Cart => ({
  ...emptyCart(),
  lines: [{ bookId: 'b01', quantity: 2 }],
  ...(discountCode ? { discountCode } : {}),
});

const to = (country: string, more: Partial<NonNullable<QuoteRequest['destination']>> = {}) => ({
  destination: { country, ...more },
  shippingRate: null,
  discountCode: null,
});

async function quote(c: Cart, request: QuoteRequest) {
  const result = await quoteCart({ store, stripe: t.stripe }, c, request);
  if (!result.ok) throw new Error(result.message);
  return result.quote;
}

beforeAll(async () => {
  t = await startTestStripe();
  backend = await startMemoryStore();
  store = clientFor(backend.upstash);
});
afterAll(async () => {
  await backend.stop();
  await t.close();
});
beforeEach(async () => {
  await t.control('POST', 'reset');
  await store.flushall();
});

describe('quotes with Stripe Tax', () => {
  it('taxes books and shipping in New York, and nothing in Oregon', async () => {
    const ny = await quote(cart(), to('US', { state: 'NY', postalCode: '10001' }));
    // 8.875 % of $25.98 and of $4.99, each rounded.
    expect(ny.lines[0]?.tax).toBe(231);
    expect(ny.tax?.amount).toBe(231 + 44);
    expect(ny.tax?.calculationId).toMatch(/^taxcalc_/);
    expect(ny.total).toBe(2598 + 499 + 275);
    const oregon = await quote(cart(), to('US', { state: 'OR', postalCode: '97201' }));
    expect(oregon.tax?.amount).toBe(0);
    expect(oregon.total).toBe(2598 + 499);
  });

  it('zero-rates books in the UK and taxes them at reduced rates in Germany and France', async () => {
    const uk = await quote(cart(), to('GB', { postalCode: 'SW1A 1AA' }));
    expect(uk.lines[0]?.tax).toBe(0);
    expect(uk.shipping).toMatchObject({ rate: 'standard', amount: 1199 });
    expect(uk.tax?.amount).toBe(240); // 20 % VAT on shipping
    const de = await quote(cart(), { ...to('DE'), shippingRate: 'express' });
    expect(de.lines[0]?.tax).toBe(182); // 7 % of $25.98
    expect(de.shipping).toMatchObject({ rate: 'express', amount: 2999 });
    expect(de.tax?.breakdown.map((b) => b.reason).sort()).toEqual([
      'reduced_rated',
      'standard_rated',
    ]);
    const fr = await quote(cart(), to('FR'));
    expect(fr.lines[0]?.tax).toBe(143); // 5.5 %
  });

  it('takes the discount off before tax', async () => {
    await createDiscountCode(store, {
      code: 'HALF',
      kind: 'percent',
      percentOff: 50,
      amountOff: null,
      minSubtotal: null,
      startsAt: null,
      endsAt: null,
      maxRedemptions: null,
      oncePerEmail: false,
      disabled: false,
      createdAt: Date.now(),
      createdBy: 'ops@folio.test',
    });
    const q = await quote(cart('HALF'), to('DE'));
    expect(q.discount).toEqual({ code: 'HALF', amount: 1299 });
    expect(q.lines[0]?.tax).toBe(91); // 7 % of $12.99
    expect(q.total).toBe(1299 + 1299 + 91 + 247);
  });

  it('says precisely what is wrong, and never quotes without tax', async () => {
    const fail = (c: Cart, request: QuoteRequest) =>
      quoteCart({ store, stripe: t.stripe }, c, request);
    expect(await fail(cart(), to('KP'))).toMatchObject({
      ok: false,
      status: 422,
      field: 'address.country',
    });
    expect(await fail(cart(), { ...to('US'), discountCode: 'nosuch' })).toEqual({
      ok: false,
      status: 422,
      message: 'That discount code does not exist.',
      field: 'discount_code',
    });
    expect(await fail(cart(), to('US', { state: 'NY', postalCode: '97201' }))).toMatchObject({
      ok: false,
      status: 422,
      field: 'address.postal_code',
    });
    expect(await fail(emptyCart(), to('US'))).toMatchObject({ ok: false, status: 422 });
    await t.control('POST', 'faults', {
      method: 'POST',
      path: '/v1/tax/calculations',
      status: 500,
      count: 1,
    });
    const once = sdkFor(t.server, { maxNetworkRetries: 0 });
    expect(await quoteCart({ store, stripe: once }, cart(), to('DE'))).toMatchObject({
      ok: false,
      status: 503,
      message: expect.stringContaining('nothing can be charged'),
    });
  });
});
