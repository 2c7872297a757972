import 'server-only';
import { releaseCodeUse } from '../store/discount-code-store';
import type { Order } from '../store/orders';
import { releaseCopies } from '../stock/cart-stock';
import type { CheckoutDeps } from './checkout-deps';

/** An abandoned payment gives back what it held: its code's use and its copies. */
export async function releaseHolds(deps: CheckoutDeps, order: Order): Promise<void> {
  if (order.discount) await releaseCodeUse(deps.store, order.discount.code, order.cartId);
  await releaseCopies(deps.store, order.cartId, order.lines);
}
