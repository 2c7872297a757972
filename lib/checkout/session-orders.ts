import 'server-only';
import { readCart } from '../cart/cart-session';
import { getStore } from '../store/store-client';
import { getOrder, listSessionOrders, type Order } from '../store/orders';

/** An order of this shopper's session; null for any other (unknown and foreign look alike). */
export async function findSessionOrder(orderId: string): Promise<Order | null> {
  if (!/^ord_[A-Za-z0-9]{1,40}$/.test(orderId)) return null;
  const [cart, order] = await Promise.all([readCart(), getOrder(getStore(), orderId)]);
  return order && order.sessionId === cart.sessionId ? order : null;
}

export async function listOrdersOfSession(): Promise<Order[]> {
  const { sessionId } = await readCart();
  const ids = await listSessionOrders(getStore(), sessionId);
  const orders = await Promise.all(ids.map((id) => getOrder(getStore(), id)));
  return orders.filter((order): order is Order => order !== null && order.sessionId === sessionId);
}
