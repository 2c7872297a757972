import 'server-only';
import { toOrderJson } from '../admin/order-json';
import type { Order } from '../store/orders';

/**
 * An order as its shopper's API shows it: what the order page shows, without
 * the store's own references (PaymentIntent, tax calculation, refund requests).
 */
export function toShopperOrderJson(order: Order) {
  const { payment_intent_id: _intent, tax, refunds, ...shown } = toOrderJson(order);
  return {
    ...shown,
    tax: tax ? { amount: tax.amount } : null,
    refunds: refunds.map(({ id, amount, status }) => ({ id, amount, status })),
  };
}
