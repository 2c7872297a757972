import type { PricedCart } from './cart-pricing';

/** The cart as the JSON API shows it; amounts are integer minor units of `currency`. */
export function toCartJson(cart: PricedCart) {
  return {
    id: cart.id,
    currency: cart.currency,
    items: cart.lines.map((line) => ({
      bookId: line.book.id,
      slug: line.book.slug,
      title: line.book.title,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      lineTotal: line.lineTotal,
    })),
    itemCount: cart.itemCount,
    subtotal: cart.subtotal,
    discount: cart.discount,
    shipping: cart.shipping,
    total: cart.total,
  };
}
