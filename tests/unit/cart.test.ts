import { describe, expect, it } from 'vitest';
import type { Book } from '@/lib/catalog/book';
import { listBooks } from '@/lib/catalog/catalog';
import {
  addLine,
  applyDiscountCode,
  clearLines,
  countItems,
  emptyCart,
  removeDiscountCode,
  removeLine,
  replaceLines,
  setLineQuantity,
  type Cart,
  type CartChange,
} from '@/lib/cart/cart';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from '@/lib/store-settings';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const books = listBooks();
const SESSION = crypto.randomUUID();
const [first, second] = books as [Book, Book, ...Book[]];

function applied(change: CartChange): Cart {
  if (!change.ok) throw new Error(`expected success, got: ${change.message}`);
  return change.cart;
}

function cartWith(...lines: Array<[Book, number]>): Cart {
  return {
    sessionId: SESSION,
    id: crypto.randomUUID(),
    lines: lines.map(([b, quantity]) => ({ bookId: b.id, quantity })),
  };
}

describe('cart operations', () => {
  it('starts empty with a v4 UUID', () => {
    const cart = emptyCart();
    expect(cart.lines).toEqual([]);
    expect(cart.id).toMatch(UUID_V4);
  });

  it('adds a new line and rotates the UUID', () => {
    const before = emptyCart();
    const change = addLine(before, first, 2);
    const after = applied(change);
    expect(after.lines).toEqual([{ bookId: first.id, quantity: 2 }]);
    expect(after.id).toMatch(UUID_V4);
    expect(after.id).not.toBe(before.id);
    expect(after.sessionId).toBe(before.sessionId);
    expect(change.ok && change.message).toBe(`Added 2 copies of ${first.title} to your cart.`);
  });

  it('adds to the quantity of a book already in the cart', () => {
    const after = applied(addLine(cartWith([first, 2]), first, 3));
    expect(after.lines).toEqual([{ bookId: first.id, quantity: 5 }]);
  });

  it('caps an addition at the per-line maximum and says so', () => {
    const change = addLine(cartWith([first, 97]), first, 5);
    expect(applied(change).lines[0]?.quantity).toBe(MAX_QUANTITY_PER_LINE);
    expect(change.ok && change.message).toMatch(/now has 99 copies .* the most one order can hold/);
  });

  it('rejects an addition to a full line without touching the cart', () => {
    const cart = cartWith([first, MAX_QUANTITY_PER_LINE]);
    expect(addLine(cart, first, 1)).toEqual({
      ok: false,
      field: 'quantity',
      message: `Your cart already has 99 copies of ${first.title}, the most one order can hold.`,
    });
  });

  it('refuses a line beyond the distinct-line cap', () => {
    const full = cartWith(...books.slice(0, MAX_CART_LINES).map((b) => [b, 1] as [Book, number]));
    const extra = books[MAX_CART_LINES]!;
    const change = addLine(full, extra, 1);
    expect(change.ok).toBe(false);
    expect(!change.ok && change.message).toContain('at most 30 different books');
    // Adding to an existing line still works at the cap.
    expect(applied(addLine(full, first, 1)).lines[0]?.quantity).toBe(2);
  });

  it('sets a quantity, and 0 removes the line', () => {
    const cart = cartWith([first, 2], [second, 1]);
    expect(applied(setLineQuantity(cart, first, 7)).lines[0]).toEqual({
      bookId: first.id,
      quantity: 7,
    });
    expect(applied(setLineQuantity(cart, first, 0)).lines).toEqual([
      { bookId: second.id, quantity: 1 },
    ]);
  });

  it('keeps the UUID for a no-op quantity change', () => {
    const cart = cartWith([first, 2]);
    const change = setLineQuantity(cart, first, 2);
    expect(change).toMatchObject({ ok: true, changed: false, cart });
  });

  it('rejects changes to a book that is not in the cart', () => {
    const cart = cartWith([first, 2]);
    expect(setLineQuantity(cart, second, 3)).toMatchObject({ ok: false, field: 'bookId' });
    expect(removeLine(cart, second)).toMatchObject({ ok: false, field: 'bookId' });
  });

  it('removes a line and rotates the UUID', () => {
    const cart = cartWith([first, 2], [second, 1]);
    const after = applied(removeLine(cart, first));
    expect(after.lines).toEqual([{ bookId: second.id, quantity: 1 }]);
    expect(after.id).not.toBe(cart.id);
  });

  it('clears a cart; clearing an empty cart changes nothing', () => {
    const cart = cartWith([first, 2]);
    const cleared = applied(clearLines(cart));
    expect(cleared.lines).toEqual([]);
    expect(cleared.id).not.toBe(cart.id);
    expect(clearLines(cleared)).toMatchObject({ ok: true, changed: false, cart: cleared });
  });

  it('replaces all lines, idempotently for the same lines', () => {
    const cart = cartWith([first, 2]);
    const lines = [{ bookId: second.id, quantity: 4 }];
    const replaced = applied(replaceLines(cart, lines));
    expect(replaced.lines).toEqual(lines);
    expect(replaced.id).not.toBe(cart.id);
    expect(replaceLines(replaced, lines)).toMatchObject({
      ok: true,
      changed: false,
      cart: replaced,
    });
  });

  it('counts items across lines', () => {
    expect(countItems(cartWith([first, 2], [second, 3]))).toBe(5);
  });

  it('never reuses a UUID across many changes', () => {
    let cart = emptyCart();
    const seen = new Set([cart.id]);
    for (let i = 0; i < 200; i++) {
      cart = applied(i % 2 ? removeLine(cart, first) : addLine(cart, first, 1));
      expect(seen.has(cart.id)).toBe(false);
      seen.add(cart.id);
    }
  });
});

describe('discount codes on a cart', () => {
  it('applies, replaces and removes a code as a cart change, and keeps it through line changes', () => {
    const start = { ...emptyCart(), lines: [{ bookId: 'b01', quantity: 1 }] };
    const applied = applyDiscountCode(start, 'TENOFF');
    expect(applied).toMatchObject({ ok: true, changed: true, message: 'Applied TENOFF.' });
    if (!applied.ok) throw new Error('unreachable');
    expect(applied.cart.discountCode).toBe('TENOFF');
    expect(applied.cart.id).not.toBe(start.id);
    expect(applyDiscountCode(applied.cart, 'TENOFF')).toMatchObject({ changed: false });
    const more = addLine(applied.cart, listBooks()[1]!, 1);
    expect(more.ok && more.cart.discountCode).toBe('TENOFF');
    const replaced = applyDiscountCode(applied.cart, 'WINTER');
    expect(replaced).toMatchObject({ message: 'Applied WINTER instead of TENOFF.' });
    const removed = removeDiscountCode(applied.cart);
    expect(removed.ok && removed.changed && removed.cart.discountCode).toBeFalsy();
    expect(removeDiscountCode(start)).toMatchObject({ changed: false });
  });
});
