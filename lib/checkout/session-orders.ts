import 'server-only';
import { readCart } from '../cart/cart-session';
import { getEnv } from '../env';
import { isOrderLinkToken } from '../orders/order-link';
import { getStore } from '../store/store-client';
import { getOrder, listSessionOrders, type Order } from '../store/orders';

/**
 * An order this shopper may see: one of this session's, or any order whose
 * link token (from its receipt) is right. Null for any other: unknown and
 * foreign orders, and wrong tokens, look alike.
 */
export async function findViewableOrder(orderId: string, token?: unknown): Promise<Order | null> {
  if (!/^ord_[A-Za-z0-9]{1,40}$/.test(orderId)) return null;
  const [cart, order] = await Promise.all([readCart(), getOrder(getStore(), orderId)]);
  if (!order) return null;
  if (order.sessionId === cart.sessionId) return order;
  return isOrderLinkToken(orderId, token, getEnv().sessionPassword) ? order : null;
}

export async function listOrdersOfSession(): Promise<Order[]> {
  const { sessionId } = await readCart();
  const ids = await listSessionOrders(getStore(), sessionId);
  const orders = await Promise.all(ids.map((id) => getOrder(getStore(), id)));
  return orders.filter((order): order is Order => order !== null && order.sessionId === sessionId);
}
