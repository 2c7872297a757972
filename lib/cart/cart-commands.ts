/**
 * What the cart's server actions and JSON API do: parse untrusted input,
 * apply one pure cart operation, and save the cookie only when the cart
 * really changed (so a rejected or no-op request keeps its UUID).
 */
import 'server-only';
import { after } from 'next/server';
import type { Book } from '../catalog/book';
import { checkoutDeps } from '../checkout/checkout-deps';
import { cancelSupersededIntent } from '../checkout/superseded-intents';
import { getLogger } from '../log/logger';
import { getEnv } from '../env';
import { clientAddress } from '../http/client-address';
import { checkCartCode } from '../pricing/cart-discount';
import { CODE_PATTERN, normalizeCode } from '../pricing/discount-codes';
import { hitRateLimit } from '../store/rate-limit';
import { getStore } from '../store/store-client';
import { stockProblem } from '../stock/cart-stock-check';
import { priceCart } from './cart-pricing';
import {
  addLine,
  applyDiscountCode,
  clearLines,
  removeDiscountCode,
  removeLine,
  replaceLines,
  setLineQuantity,
  type Cart,
  type CartChange,
  type CartLine,
} from './cart';
import { parseBook, parseQuantity } from './cart-input';
import { readCart, saveCart } from './cart-session';

export type CartCommandResult =
  { ok: true; message: string; cart: Cart } | { ok: false; message: string; field: string };

async function commit(previous: Cart, change: CartChange): Promise<CartCommandResult> {
  if (!change.ok) return change;
  const tooFew = change.changed ? await stockProblem(previous, change.cart) : null;
  if (tooFew) return { ok: false, message: tooFew, field: 'quantity' };
  if (change.changed) {
    await saveCart(change.cart);
    // The old cart's PaymentIntent, if checkout made one, must not be paid any more.
    after(() =>
      cancelSupersededIntent(checkoutDeps(), previous.id).catch((error: unknown) =>
        getLogger().error({
          event: 'payment.cancel_failed',
          cartId: previous.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
    );
  }
  return { ok: true, message: change.message, cart: change.cart };
}

async function withBook(
  rawBookId: unknown,
  apply: (cart: Cart, book: Book) => CartChange,
): Promise<CartCommandResult> {
  const book = parseBook(rawBookId);
  if (!book.ok) return { ok: false, message: book.message, field: 'bookId' };
  const cart = await readCart();
  return commit(cart, apply(cart, book.value));
}

export function addBook(input: { bookId: unknown; quantity: unknown }) {
  const quantity = parseQuantity(input.quantity, 1);
  return withBook(input.bookId, (cart, book) =>
    quantity.ok
      ? addLine(cart, book, quantity.value)
      : { ok: false, message: quantity.message, field: 'quantity' },
  );
}

export function setBookQuantity(input: { bookId: unknown; quantity: unknown }) {
  const quantity = parseQuantity(input.quantity, 0);
  return withBook(input.bookId, (cart, book) =>
    quantity.ok
      ? setLineQuantity(cart, book, quantity.value)
      : { ok: false, message: quantity.message, field: 'quantity' },
  );
}

export function removeBook(input: { bookId: unknown }) {
  return withBook(input.bookId, removeLine);
}

export async function clearCart(): Promise<CartCommandResult> {
  const cart = await readCart();
  return commit(cart, clearLines(cart));
}

/**
 * Replaces the cart with lines already checked by `parseCartItems` (fields
 * other than `quantity`, such as prices and titles, never get that far:
 * amounts only ever come from the catalog).
 */
export async function replaceItems(lines: CartLine[]): Promise<CartCommandResult> {
  const cart = await readCart();
  return commit(cart, replaceLines(cart, lines));
}

/** Guessing codes is rate-limited per session and per client address. */
export const CODE_TRIES_PER_SESSION = { scope: 'code-session', limit: 10, windowSeconds: 600 };
export const CODE_TRIES_PER_ADDRESS = { scope: 'code-address', limit: 30, windowSeconds: 600 };

/** Applies a discount code the shopper typed, when it applies to this cart now. */
export async function applyCode(rawCode: unknown, headers: Headers): Promise<CartCommandResult> {
  const field = 'discountCode';
  if (typeof rawCode !== 'string' || rawCode.trim() === '') {
    return { ok: false, message: 'Enter a discount code.', field };
  }
  const code = normalizeCode(rawCode);
  if (!CODE_PATTERN.test(code)) {
    return { ok: false, message: 'That discount code does not exist.', field };
  }
  const cart = await readCart();
  if (cart.lines.length === 0) {
    return { ok: false, message: 'Add a book first; codes apply to what is in your cart.', field };
  }
  const store = getStore();
  const address = clientAddress(headers, getEnv().trustProxy);
  const [bySession, byAddress] = await Promise.all([
    hitRateLimit(store, CODE_TRIES_PER_SESSION, cart.sessionId),
    address ? hitRateLimit(store, CODE_TRIES_PER_ADDRESS, address) : null,
  ]);
  if (!bySession.allowed || (byAddress && !byAddress.allowed)) {
    const seconds = Math.max(bySession.retryAfterSeconds, byAddress?.retryAfterSeconds ?? 0);
    return {
      ok: false,
      message: `Too many codes tried. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      field,
    };
  }
  const checked = await checkCartCode(store, code, { cart, subtotal: priceCart(cart).subtotal });
  if (!checked.ok) return { ok: false, message: checked.message, field };
  return commit(cart, applyDiscountCode(cart, code));
}

export async function removeCode(): Promise<CartCommandResult> {
  const cart = await readCart();
  return commit(cart, removeDiscountCode(cart));
}
