import 'server-only';
import type { Book } from '../catalog/book';
import { findBookById } from '../catalog/catalog';
import { FREE_SHIPPING_FROM, SHIPPING_FLAT_FEE, STORE_CURRENCY } from '../store-settings';
import { countItems, type Cart } from './cart';

export type PricedLine = {
  book: Book;
  quantity: number;
  unitAmount: number;
  lineTotal: number;
};

/** Every amount comes from the catalog, in minor units of `currency`. */
export type PricedCart = {
  id: string;
  currency: string;
  lines: PricedLine[];
  itemCount: number;
  subtotal: number;
  shipping: number;
  total: number;
};

export function shippingFor(subtotal: number): number {
  if (subtotal === 0 || subtotal >= FREE_SHIPPING_FROM) return 0;
  return SHIPPING_FLAT_FEE;
}

export function priceCart(cart: Cart): PricedCart {
  const lines: PricedLine[] = [];
  for (const line of cart.lines) {
    const book = findBookById(line.bookId);
    if (!book) continue;
    lines.push({
      book,
      quantity: line.quantity,
      unitAmount: book.price,
      lineTotal: book.price * line.quantity,
    });
  }
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const shipping = shippingFor(subtotal);
  return {
    id: cart.id,
    currency: STORE_CURRENCY,
    lines,
    itemCount: countItems(cart),
    subtotal,
    shipping,
    total: subtotal + shipping,
  };
}
