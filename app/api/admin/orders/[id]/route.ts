import { ORDER_ID_PATTERN } from '@/lib/admin/api-params';
import { operatorApi } from '@/lib/admin/api-route';
import { toOrderJson } from '@/lib/admin/order-json';
import { jsonError } from '@/lib/http/json-api';
import { getOrder } from '@/lib/store/orders';
import { getStore } from '@/lib/store/store-client';

export const GET = operatorApi<{ id: string }>(async ({ params }) => {
  const order = ORDER_ID_PATTERN.test(params.id) ? await getOrder(getStore(), params.id) : null;
  if (!order) return jsonError(404, 'No order with that id.', 'id');
  return Response.json({ order: toOrderJson(order) });
});
