/**
 * Lists of orders for the back office, read from the indexes the order
 * scripts keep (never by scanning keys): newest first, a page at a time,
 * by status or by the shopper's address. A cursor is the last order's
 * index score, so a page starts where the last one ended however many
 * orders arrive meanwhile.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { getOrders, normalizeEmail, type Order, type OrderStatus } from './orders';
import { storeCall } from './store-client';
import { storeKeys } from './store-keys';

export const CURSOR_PATTERN = /^\d{1,20}$/;

/** A status, or `to_ship`: paid orders not shipped yet and not refunded in full. */
export type OrderFilter = OrderStatus | 'to_ship';

export type OrderListQuery = {
  status?: OrderFilter | null;
  email?: string | null;
  cursor?: string | null;
  limit: number;
};

export type OrderPage = { orders: Order[]; nextCursor: string | null };

/** One address places few orders; its page is filtered by status after reading them all. */
const MAX_ORDERS_PER_EMAIL = 500;

async function idsBefore(
  store: Redis,
  key: string,
  cursor: string | null | undefined,
  count: number,
): Promise<string[]> {
  const max = cursor ? (`(${cursor}` as `(${number}`) : '+inf';
  const ids = await storeCall('listOrders', () =>
    store.zrange<string[]>(key, max, '-inf', { byScore: true, rev: true, offset: 0, count }),
  );
  return ids.map(String);
}

export async function listOrders(store: Redis, query: OrderListQuery): Promise<OrderPage> {
  if (query.email) {
    const key = storeKeys.ordersByEmail(normalizeEmail(query.email));
    const ids = await idsBefore(store, key, query.cursor, MAX_ORDERS_PER_EMAIL);
    const matching = (await getOrders(store, ids)).filter((order) => matches(order, query.status));
    const orders = matching.slice(0, query.limit);
    return {
      orders,
      nextCursor: matching.length > query.limit ? (orders.at(-1)?.score ?? null) : null,
    };
  }
  const key =
    query.status === 'to_ship'
      ? storeKeys.ordersToShip
      : query.status
        ? storeKeys.ordersByStatus(query.status)
        : storeKeys.ordersAll;
  const ids = await idsBefore(store, key, query.cursor, query.limit + 1);
  const orders = await getOrders(store, ids.slice(0, query.limit));
  return {
    orders,
    nextCursor: ids.length > query.limit ? (orders.at(-1)?.score ?? null) : null,
  };
}

export function matches(order: Order, filter: OrderFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter === 'to_ship') {
    return order.payment === 'paid' && !order.shipment && order.status !== 'refunded';
  }
  return order.status === filter;
}

/** How many orders each status holds (ZCARD of each index). */
export async function countOrdersByStatus(
  store: Redis,
  statuses: readonly OrderStatus[],
): Promise<Record<OrderStatus, number>> {
  const counts = await storeCall('countOrders', () => {
    const pipeline = store.pipeline();
    for (const status of statuses) pipeline.zcard(storeKeys.ordersByStatus(status));
    return pipeline.exec<number[]>();
  });
  return Object.fromEntries(statuses.map((s, i) => [s, Number(counts[i] ?? 0)])) as Record<
    OrderStatus,
    number
  >;
}
