import { describe, expect, it } from 'vitest';
import { findBookById } from '@/lib/catalog/catalog';
import { priceCart, shippingFor } from '@/lib/cart/cart-pricing';
import { FREE_SHIPPING_FROM, SHIPPING_FLAT_FEE } from '@/lib/store-settings';

function price(id: string): number {
  const book = findBookById(id);
  if (!book) throw new Error(`no book ${id}`);
  return book.price;
}

describe('pricing', () => {
  it('charges flat shipping below the threshold and none from it', () => {
    expect(SHIPPING_FLAT_FEE).toBe(499);
    expect(FREE_SHIPPING_FROM).toBe(5000);
    expect(shippingFor(0)).toBe(0);
    expect(shippingFor(1)).toBe(499);
    expect(shippingFor(4999)).toBe(499);
    expect(shippingFor(5000)).toBe(0);
  });

  it('prices every line from the catalog', () => {
    const cart = priceCart({
      sessionId: crypto.randomUUID(),
      id: crypto.randomUUID(),
      lines: [
        { bookId: 'b01', quantity: 2 },
        { bookId: 'b05', quantity: 1 },
      ],
    });
    const subtotal = price('b01') * 2 + price('b05');
    expect(cart.lines.map((l) => [l.book.id, l.unitAmount, l.lineTotal])).toEqual([
      ['b01', price('b01'), price('b01') * 2],
      ['b05', price('b05'), price('b05')],
    ]);
    expect(cart).toMatchObject({
      currency: 'usd',
      itemCount: 3,
      subtotal,
      shipping: subtotal >= 5000 ? 0 : 499,
      total: subtotal + (subtotal >= 5000 ? 0 : 499),
    });
  });

  it('reaches free shipping exactly at the threshold amount', () => {
    // b12 costs 24.99: two copies are 49.98 (shipping due), adding b30 (6.99) passes 50.
    const below = priceCart({
      sessionId: crypto.randomUUID(),
      id: crypto.randomUUID(),
      lines: [{ bookId: 'b12', quantity: 2 }],
    });
    expect([below.subtotal, below.shipping, below.total]).toEqual([4998, 499, 5497]);
    const above = priceCart({
      sessionId: crypto.randomUUID(),
      id: crypto.randomUUID(),
      lines: [
        { bookId: 'b12', quantity: 2 },
        { bookId: 'b30', quantity: 1 },
      ],
    });
    expect([above.subtotal, above.shipping, above.total]).toEqual([5697, 0, 5697]);
  });

  it('prices an empty cart at zero', () => {
    expect(
      priceCart({ sessionId: crypto.randomUUID(), id: crypto.randomUUID(), lines: [] }),
    ).toMatchObject({
      subtotal: 0,
      shipping: 0,
      total: 0,
      itemCount: 0,
    });
  });
});
