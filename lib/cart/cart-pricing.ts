import 'server-only';
import type { Book } from '../catalog/book';
import { findBookById } from '../catalog/catalog';
import { discountAmount, type DiscountRule } from '../pricing/discount';
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
  /** The applied code and what it takes off the subtotal. */
  discount: { code: string; amount: number } | null;
  shipping: number;
  total: number;
};

/** Shipping for goods worth `goods` (after any discount). */
export function shippingFor(goods: number, hasItems = goods > 0): number {
  if (!hasItems || goods >= FREE_SHIPPING_FROM) return 0;
  return SHIPPING_FLAT_FEE;
}

/** Prices a cart from the catalog; `discount` is a code already checked to apply. */
export function priceCart(cart: Cart, discount: DiscountRule | null = null): PricedCart {
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
  const off = discount && lines.length > 0 ? discountAmount(discount, subtotal) : 0;
  const shipping = shippingFor(subtotal - off, lines.length > 0);
  return {
    id: cart.id,
    currency: STORE_CURRENCY,
    lines,
    itemCount: countItems(cart),
    subtotal,
    discount: discount && off > 0 ? { code: discount.code, amount: off } : null,
    shipping,
    total: subtotal - off + shipping,
  };
}
