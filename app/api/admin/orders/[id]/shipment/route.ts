import { ORDER_ID_PATTERN } from '@/lib/admin/api-params';
import { operatorApi, readJsonObject } from '@/lib/admin/api-route';
import { shipOrderAs } from '@/lib/admin/operator-actions';
import { toOrderJson } from '@/lib/admin/order-json';
import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { jsonError } from '@/lib/http/json-api';
import { firstIssue, shipmentBodySchema } from '@/lib/refunds/refund-input';

/** `POST /api/admin/orders/{id}/shipment` `{carrier, tracking_number}`. */
export const POST = operatorApi<{ id: string }>(async ({ request, caller, params }) => {
  if (!ORDER_ID_PATTERN.test(params.id)) return jsonError(404, 'No order with that id.', 'id');
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const parsed = shipmentBodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const result = await shipOrderAs(checkoutDeps(), caller.actor, params.id, {
    carrier: parsed.data.carrier,
    trackingNumber: parsed.data.tracking_number,
  });
  if (!result.ok) return jsonError(result.status, result.message, result.field);
  return Response.json({ order: toOrderJson(result.order) });
});
