/**
 * A cart's copies in the store: its lines as the stock store sees them, and
 * what the shopper is told when there are too few.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import type { CartLine } from '../cart/cart';
import { findBookById } from '../catalog/catalog';
import { CODE_RESERVATION_MS } from '../store/discount-code-store';
import {
  commitStock,
  holdStock,
  readStockLevels,
  releaseStock,
  type HoldResult,
  type Shortage,
  type StockLine,
} from '../store/stock-store';
import { tooFewMessage } from './availability';

/**
 * How long a prepared payment holds its copies; each checkout visit renews
 * it. The same as a code's hold, so a hosted session expires with both.
 */
export const STOCK_HOLD_MS = CODE_RESERVATION_MS;

/** A shortage as the shopper reads it. */
export type TitledShortage = Shortage & { title: string };

export function stockLines(lines: readonly CartLine[]): StockLine[] {
  return lines.flatMap((line) => {
    const book = findBookById(line.bookId);
    return book
      ? [{ bookId: book.id, quantity: line.quantity, initialStock: book.initialStock }]
      : [];
  });
}

export function withTitles(shortages: readonly Shortage[]): TitledShortage[] {
  return shortages.map((s) => ({ ...s, title: findBookById(s.bookId)?.title ?? s.bookId }));
}

export function shortageMessage(shortages: readonly TitledShortage[]): string {
  const each = shortages.map((s) => tooFewMessage(s.title, s.available)).join(' ');
  return `${each} Reduce the quantity in your cart to pay; nothing was charged.`;
}

export function holdCopies(
  store: Redis,
  cartId: string,
  lines: readonly CartLine[],
  until: number = Date.now() + STOCK_HOLD_MS,
): Promise<HoldResult> {
  return holdStock(store, cartId, stockLines(lines), { until });
}

export function releaseCopies(store: Redis, cartId: string, lines: readonly CartLine[]) {
  return releaseStock(store, cartId, stockLines(lines));
}

export function commitCopies(
  store: Redis,
  cartId: string,
  orderId: string,
  lines: readonly CartLine[],
) {
  return commitStock(store, cartId, orderId, stockLines(lines));
}

/** Copies available of each book asked for (unknown ids are left out). */
export async function availableCopies(
  store: Redis,
  bookIds: readonly string[],
): Promise<Map<string, number>> {
  const books = [...new Set(bookIds)].flatMap((id) => {
    const book = findBookById(id);
    return book ? [book] : [];
  });
  const levels = await readStockLevels(store, books);
  return new Map(levels.map((level) => [level.bookId, level.available]));
}
