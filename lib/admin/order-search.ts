/**
 * The back office's order list query, from a URL's search parameters or the
 * API's: a status, a search (an order number or an email address) and a
 * cursor, each checked, with a message naming what is wrong.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import {
  CURSOR_PATTERN,
  listOrders,
  matches,
  type OrderFilter,
  type OrderPage,
} from '../store/order-index';
import { getOrder, ORDER_STATUSES } from '../store/orders';
import { ORDER_ID_PATTERN } from './api-params';

export const ORDERS_PER_PAGE = 25;

export type OrderSearch = { status: OrderFilter | null; q: string; cursor: string | null };

export const ORDER_FILTERS = [
  'to_ship',
  ...ORDER_STATUSES,
] as const satisfies readonly OrderFilter[];

export type ParsedSearch =
  | { ok: true; search: OrderSearch }
  | { ok: false; message: string; field: 'status' | 'q' | 'cursor' };

/** A URL's parameters are strings; a page's searchParams give an array for a repeated one. */
function one(value: unknown): string {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** An empty parameter is no parameter. */
const optionalParam = <T extends z.ZodType>(schema: T, read = one) =>
  z.preprocess((value) => read(value) || undefined, schema.optional()).optional();

/** Checked in this order, so the first problem named is the status's, then the cursor's. */
export const orderSearchQuerySchema = z.object({
  status: optionalParam(
    z.enum(ORDER_FILTERS, { error: `status must be one of ${ORDER_FILTERS.join(', ')}` }),
  ).meta({
    description: 'Only orders in this status; to_ship: paid, not shipped, not refunded in full.',
  }),
  cursor: optionalParam(
    z.string().regex(CURSOR_PATTERN, 'cursor is not one this list gave out'),
  ).meta({ description: 'The next_cursor of the previous page.' }),
  q: optionalParam(
    z
      .string()
      .refine(
        (q) => q.includes('@') || ORDER_ID_PATTERN.test(q),
        'Search by an order number (ord_…) or an email address.',
      ),
    (value) => one(value).trim(),
  ).meta({ description: "An order number (ord_…) or the shopper's email address." }),
});

const SEARCH_FIELDS = ['status', 'q', 'cursor'] as const;

export function parseOrderSearch(params: Record<string, unknown>): ParsedSearch {
  const parsed = orderSearchQuerySchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = SEARCH_FIELDS.find((name) => name === issue?.path[0]) ?? 'q';
    return { ok: false, message: issue?.message ?? 'The search is not valid.', field };
  }
  const { status, q, cursor } = parsed.data;
  return { ok: true, search: { status: status ?? null, q: q ?? '', cursor: cursor ?? null } };
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
