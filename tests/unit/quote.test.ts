import { describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import { priceCart } from '@/lib/cart/cart-pricing';
import { allocateDiscount, discountAmount } from '@/lib/pricing/discount';
import { buildQuote, taxableAmounts, type Quote } from '@/lib/pricing/quote';
import { SHIPPING_COUNTRIES, zoneFor } from '@/lib/pricing/shipping-rates';

// b01 is $12.99 and b02 is $18.99 in the catalog (lib/catalog/books-data.ts).
function cart(lines: Cart['lines']) {
  return priceCart({ ...emptyCart(), lines });
}

function quote(input: Parameters<typeof buildQuote>[0]): Quote {
  const result = buildQuote(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.quote;
}

describe('shipping', () => {
  const oneBook = cart([{ bookId: 'b01', quantity: 1 }]);
  it.each([
    ['US', 'standard', 499, 3, 5],
    ['US', 'express', 1499, 1, 2],
    ['CA', 'standard', 999, 5, 10],
    ['CA', 'express', 2499, 2, 4],
    ['GB', 'standard', 1199, 5, 8],
    ['GB', 'express', 2799, 2, 3],
    ['DE', 'standard', 1299, 5, 10],
    ['FR', 'express', 2999, 2, 4],
    ['JP', 'standard', 1999, 10, 20],
    ['AU', 'express', 3999, 3, 6],
  ] as const)('%s %s costs %i and takes %i–%i days', (country, rate, amount, min, max) => {
    const q = quote({ cart: oneBook, destination: { country }, shippingRate: rate });
    expect(q.shipping).toMatchObject({ rate, amount, deliveryEstimate: { min, max } });
    expect(q.shippingRates.map((r) => r.id)).toEqual(['standard', 'express']);
    expect(q.total).toBe(oneBook.subtotal + amount);
  });

  it('ships Standard free in the US from $50 of goods after the discount, and only there', () => {
    const fifty = cart([{ bookId: 'b01', quantity: 4 }]); // $51.96
    expect(quote({ cart: fifty, destination: { country: 'US' } }).shipping?.amount).toBe(0);
    expect(
      quote({ cart: fifty, destination: { country: 'US' }, shippingRate: 'express' }).shipping
        ?.amount,
    ).toBe(1499);
    expect(quote({ cart: fifty, destination: { country: 'CA' } }).shipping?.amount).toBe(999);
    const discounted = quote({
      cart: fifty,
      destination: { country: 'US' },
      discount: { code: 'TENOFF', kind: 'percent', percentOff: 10 },
    });
    expect(discounted.shipping?.amount).toBe(499);
  });

  it('refuses a country it does not ship to, naming the field', () => {
    expect(
      buildQuote({ cart: cart([{ bookId: 'b01', quantity: 1 }]), destination: { country: 'KP' } }),
    ).toEqual({
      ok: false,
      error: { message: 'We do not ship to KP.', field: 'address.country' },
    });
    expect(zoneFor('kp')).toBeNull();
    expect(SHIPPING_COUNTRIES).toContain('DE');
    expect(new Set(SHIPPING_COUNTRIES).size).toBe(SHIPPING_COUNTRIES.length);
  });

  it('has no shipping before a destination is known', () => {
    const q = quote({ cart: cart([{ bookId: 'b01', quantity: 1 }]), destination: null });
    expect(q).toMatchObject({ shipping: null, shippingRates: [], tax: null, total: 1299 });
  });
});

describe('discounts', () => {
  it('rounds a percentage half up and never takes off more than the goods', () => {
    expect(discountAmount({ code: 'X', kind: 'percent', percentOff: 15 }, 1299)).toBe(195); // 194.85
    expect(discountAmount({ code: 'X', kind: 'percent', percentOff: 10 }, 1005)).toBe(101); // 100.5
    expect(discountAmount({ code: 'X', kind: 'amount', amountOff: 5000 }, 1299)).toBe(1299);
    expect(discountAmount({ code: 'X', kind: 'percent', percentOff: 100 }, 1299)).toBe(1299);
  });

  it('spreads a discount over the lines so the parts add up exactly', () => {
    expect(allocateDiscount([1000, 1000, 1000], 100)).toEqual([34, 33, 33]);
    expect(allocateDiscount([2598, 999], 360)).toEqual([260, 100]);
    expect(allocateDiscount([500], 0)).toEqual([0]);
    for (const discount of [1, 7, 333, 3597]) {
      const parts = allocateDiscount([2598, 999], discount);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(discount);
    }
  });

  it('comes off before tax: the taxable amounts are the discounted lines', () => {
    const twoLines = cart([
      { bookId: 'b01', quantity: 2 },
      { bookId: 'b02', quantity: 1 },
    ]);
    const q = quote({
      cart: twoLines,
      destination: { country: 'GB' },
      discount: { code: 'TENOFF', kind: 'percent', percentOff: 10 },
    });
    expect(q.discount).toEqual({ code: 'TENOFF', amount: 450 }); // 10 % of $44.97, rounded
    expect(taxableAmounts(q)).toEqual({ lines: [2598 - 260, 1899 - 190], shipping: 1199 });
  });
});

describe('tax', () => {
  const books = cart([
    { bookId: 'b01', quantity: 2 },
    { bookId: 'b02', quantity: 1 },
  ]);

  it('adds the tax Stripe reported on each line and on shipping', () => {
    // Germany: books at the reduced 7 %, shipping at 19 %.
    const q = quote({
      cart: books,
      destination: { country: 'DE' },
      tax: {
        lines: [182, 70],
        shipping: 247,
        breakdown: [
          { jurisdiction: 'Germany', percentage: '7.0', amount: 252, reason: 'reduced_rated' },
          { jurisdiction: 'Germany', percentage: '19.0', amount: 247, reason: 'standard_rated' },
        ],
        calculationId: 'taxcalc_1',
      },
    });
    expect(q.tax).toMatchObject({ amount: 499, calculationId: 'taxcalc_1' });
    expect(q.lines.map((l) => l.tax)).toEqual([182, 70]);
    expect(q.total).toBe(4497 + 1299 + 499);
  });

  it('keeps zero-rated lines at zero', () => {
    const q = quote({
      cart: books,
      destination: { country: 'GB' },
      tax: { lines: [0, 0], shipping: 240, breakdown: [], calculationId: 'taxcalc_2' },
    });
    expect(q.tax?.amount).toBe(240);
    expect(q.total).toBe(4497 + 1199 + 240);
  });

  it('refuses a calculation made for other lines', () => {
    expect(
      buildQuote({
        cart: books,
        destination: { country: 'US', state: 'NY' },
        tax: { lines: [1], shipping: 0, breakdown: [], calculationId: null },
      }),
    ).toMatchObject({ ok: false, error: { field: 'tax' } });
  });
});
