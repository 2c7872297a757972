/**
 * The cart and its pure operations. The cart id is a UUID v4 that rotates on
 * every change that succeeds, never on a rejected or no-op one: checkout uses
 * it as the Stripe idempotency key, so one id always means one set of lines.
 * The session id stays for the life of the cookie: it is whose orders are whose.
 */
import type { Book } from '../catalog/book';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from '../store-settings';

export type CartLine = { bookId: string; quantity: number };
/** `discountCode`: the code the shopper applied (checked again whenever the cart is priced). */
export type Cart = {
  sessionId: string;
  id: string;
  lines: CartLine[];
  discountCode?: string | null;
};

export type CartChange =
  | { ok: true; changed: boolean; cart: Cart; message: string }
  | { ok: false; message: string; field: string };

export function emptyCart(sessionId: string = crypto.randomUUID()): Cart {
  return { sessionId, id: crypto.randomUUID(), lines: [] };
}

export function countItems(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

function changed(
  cart: Cart,
  lines: CartLine[],
  message: string,
  discountCode: string | null = cart.discountCode ?? null,
): CartChange {
  const next: Cart = { ...emptyCart(cart.sessionId), lines };
  return {
    ok: true,
    changed: true,
    cart: discountCode ? { ...next, discountCode } : next,
    message,
  };
}

function unchanged(cart: Cart, message: string): CartChange {
  return { ok: true, changed: false, cart, message };
}

function rejected(message: string, field: string): CartChange {
  return { ok: false, message, field };
}

function copies(quantity: number): string {
  return quantity === 1 ? '1 copy' : `${quantity} copies`;
}

export function addLine(cart: Cart, book: Book, quantity: number): CartChange {
  const existing = cart.lines.find((line) => line.bookId === book.id);
  if (!existing) {
    if (cart.lines.length >= MAX_CART_LINES) {
      return rejected(
        `Your cart can hold at most ${MAX_CART_LINES} different books. Remove one to add ${book.title}.`,
        'bookId',
      );
    }
    return changed(
      cart,
      [...cart.lines, { bookId: book.id, quantity }],
      `Added ${copies(quantity)} of ${book.title} to your cart.`,
    );
  }
  if (existing.quantity >= MAX_QUANTITY_PER_LINE) {
    return rejected(
      `Your cart already has ${MAX_QUANTITY_PER_LINE} copies of ${book.title}, the most one order can hold.`,
      'quantity',
    );
  }
  const wanted = existing.quantity + quantity;
  const next = Math.min(wanted, MAX_QUANTITY_PER_LINE);
  const lines = cart.lines.map((line) =>
    line.bookId === book.id ? { ...line, quantity: next } : line,
  );
  return changed(
    cart,
    lines,
    wanted > MAX_QUANTITY_PER_LINE
      ? `Your cart now has ${MAX_QUANTITY_PER_LINE} copies of ${book.title}, the most one order can hold.`
      : `Added ${copies(quantity)} of ${book.title}; your cart now has ${copies(next)}.`,
  );
}

/** Sets a line's quantity; 0 removes the line. */
export function setLineQuantity(cart: Cart, book: Book, quantity: number): CartChange {
  const existing = cart.lines.find((line) => line.bookId === book.id);
  if (!existing) return rejected(`${book.title} is not in your cart.`, 'bookId');
  if (quantity === 0) return removeLine(cart, book);
  if (existing.quantity === quantity) {
    return unchanged(cart, `Your cart already has ${copies(quantity)} of ${book.title}.`);
  }
  return changed(
    cart,
    cart.lines.map((line) => (line.bookId === book.id ? { ...line, quantity } : line)),
    `Your cart now has ${copies(quantity)} of ${book.title}.`,
  );
}

export function removeLine(cart: Cart, book: Book): CartChange {
  if (!cart.lines.some((line) => line.bookId === book.id)) {
    return rejected(`${book.title} is not in your cart.`, 'bookId');
  }
  return changed(
    cart,
    cart.lines.filter((line) => line.bookId !== book.id),
    `Removed ${book.title} from your cart.`,
  );
}

export function clearLines(cart: Cart): CartChange {
  if (cart.lines.length === 0) return unchanged(cart, 'Your cart is already empty.');
  return changed(cart, [], 'Your cart is now empty.');
}

/** Replaces every line at once (the JSON API); lines must already be valid. */
export function replaceLines(cart: Cart, lines: CartLine[]): CartChange {
  if (lines.length > MAX_CART_LINES) {
    return rejected(`A cart can hold at most ${MAX_CART_LINES} different books.`, 'items');
  }
  const same =
    lines.length === cart.lines.length &&
    lines.every((line, i) => {
      const current = cart.lines[i];
      return current?.bookId === line.bookId && current.quantity === line.quantity;
    });
  if (same) return unchanged(cart, 'Your cart already has these items.');
  return changed(
    cart,
    lines.map((line) => ({ ...line })),
    lines.length === 0 ? 'Your cart is now empty.' : 'Your cart was updated.',
  );
}

/**
 * Applies a discount code: a cart change like any other (a new UUID, and the
 * old intent canceled), so one cart id always means one price.
 */
export function applyDiscountCode(cart: Cart, code: string): CartChange {
  if (cart.discountCode === code) return unchanged(cart, `${code} is already applied.`);
  const message = cart.discountCode
    ? `Applied ${code} instead of ${cart.discountCode}.`
    : `Applied ${code}.`;
  return changed(cart, cart.lines, message, code);
}

export function removeDiscountCode(cart: Cart): CartChange {
  if (!cart.discountCode) return unchanged(cart, 'No discount code is applied.');
  return changed(cart, cart.lines, `Removed ${cart.discountCode}.`, null);
}
