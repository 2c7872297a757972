/**
 * The back office's order list query, from a URL's search parameters or the
 * API's: a status, a search (an order number or an email address) and a
 * cursor, each checked, with a message naming what is wrong.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import {
  CURSOR_PATTERN,
  listOrders,
  matches,
  type OrderFilter,
  type OrderPage,
} from '../store/order-index';
import { getOrder, ORDER_STATUSES } from '../store/orders';

export const ORDERS_PER_PAGE = 25;

export type OrderSearch = { status: OrderFilter | null; q: string; cursor: string | null };

export const ORDER_FILTERS: readonly OrderFilter[] = ['to_ship', ...ORDER_STATUSES];

export type ParsedSearch =
  | { ok: true; search: OrderSearch }
  | { ok: false; message: string; field: 'status' | 'q' | 'cursor' };

function one(value: unknown): string {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

export function parseOrderSearch(params: Record<string, unknown>): ParsedSearch {
  const status = one(params.status);
  const q = one(params.q).trim();
  const cursor = one(params.cursor);
  if (status && !(ORDER_FILTERS as readonly string[]).includes(status)) {
    return {
      ok: false,
      message: `status must be one of ${ORDER_FILTERS.join(', ')}`,
      field: 'status',
    };
  }
  if (cursor && !CURSOR_PATTERN.test(cursor)) {
    return { ok: false, message: 'cursor is not one this list gave out', field: 'cursor' };
  }
  if (q && !q.includes('@') && !/^ord_[A-Za-z0-9]{1,40}$/.test(q)) {
    return {
      ok: false,
      message: 'Search by an order number (ord_…) or an email address.',
      field: 'q',
    };
  }
  return {
    ok: true,
    search: { status: (status || null) as OrderFilter | null, q, cursor: cursor || null },
  };
}

export async function searchOrders(
  store: Redis,
  search: OrderSearch,
  limit = ORDERS_PER_PAGE,
): Promise<OrderPage> {
  if (search.q.startsWith('ord_')) {
    const order = await getOrder(store, search.q);
    return { orders: order && matches(order, search.status) ? [order] : [], nextCursor: null };
  }
  return listOrders(store, {
    status: search.status,
    email: search.q || null,
    cursor: search.cursor,
    limit,
  });
}
