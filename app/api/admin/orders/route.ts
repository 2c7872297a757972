import { operatorApi } from '@/lib/admin/api-route';
import { toOrderJson } from '@/lib/admin/order-json';
import { parseOrderSearch, searchOrders } from '@/lib/admin/order-search';
import { jsonError } from '@/lib/http/json-api';
import { getStore } from '@/lib/store/store-client';

/** `GET /api/admin/orders?status=&q=&cursor=`: newest first, 25 a page. */
export const GET = operatorApi(async ({ request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = parseOrderSearch(params);
  if (!parsed.ok) return jsonError(400, parsed.message, parsed.field);
  const page = await searchOrders(getStore(), parsed.search);
  return Response.json({ orders: page.orders.map(toOrderJson), next_cursor: page.nextCursor });
});
