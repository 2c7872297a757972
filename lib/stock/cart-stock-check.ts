/**
 * The cart refuses more copies than are available, so a shopper learns it
 * on the book page, not at checkout. Only a line whose quantity rises is
 * checked (fewer copies are always fine). The store's hold at checkout is
 * what guarantees no copy is sold twice; this is the early word, so when
 * the store cannot be asked the change goes ahead.
 */
import 'server-only';
import type { Cart } from '../cart/cart';
import { findBookById } from '../catalog/catalog';
import { getLogger } from '../log/logger';
import { getStore, StoreUnavailableError } from '../store/store-client';
import { tooFewMessage } from './availability';
import { availableCopies } from './cart-stock';

/** Lines of the cart asking for more copies than are left, by book: what is left. */
export async function cartShortages(cart: Cart): Promise<Map<string, number>> {
  const available = await readAvailable(cart.lines.map((line) => line.bookId));
  const short = new Map<string, number>();
  for (const line of cart.lines) {
    const left = available?.get(line.bookId);
    if (left !== undefined && line.quantity > left) short.set(line.bookId, left);
  }
  return short;
}

/** Available copies, or null when the store cannot be asked (the change goes ahead). */
async function readAvailable(bookIds: readonly string[]): Promise<Map<string, number> | null> {
  if (bookIds.length === 0) return new Map();
  try {
    return await availableCopies(getStore(), bookIds);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    getLogger().warn({ event: 'stock.check_skipped', error: error.message });
    return null;
  }
}

export async function stockProblem(previous: Cart, next: Cart): Promise<string | null> {
  const before = new Map(previous.lines.map((line) => [line.bookId, line.quantity]));
  const rising = next.lines.filter((line) => line.quantity > (before.get(line.bookId) ?? 0));
  if (rising.length === 0) return null;
  const available = await readAvailable(rising.map((line) => line.bookId));
  for (const line of rising) {
    const left = available?.get(line.bookId);
    if (left !== undefined && line.quantity > left) {
      return tooFewMessage(findBookById(line.bookId)?.title ?? line.bookId, left);
    }
  }
  return null;
}
