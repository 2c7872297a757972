import { operatorApi, readJsonObject } from '@/lib/admin/api-route';
import { queueRefundAs } from '@/lib/admin/operator-actions';
import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { jsonError } from '@/lib/http/json-api';
import { firstIssue, refundRequestBodySchema } from '@/lib/refunds/refund-input';

/**
 * `POST /api/admin/refund-requests` `{request_id, payment_intent_id, amount?, reason?}`:
 * queues the refund and answers at once; the same request_id never refunds twice.
 */
export const POST = operatorApi(async ({ request, caller }) => {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const parsed = refundRequestBodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const { request_id, payment_intent_id, amount, reason } = parsed.data;
  const result = await queueRefundAs(checkoutDeps(), caller.actor, {
    requestId: request_id,
    target: { paymentIntentId: payment_intent_id },
    amount: amount ?? null,
    reason: reason ?? null,
  });
  if (!result.ok) return jsonError(result.status, result.message, result.field);
  return Response.json(
    { request_id, status: result.created ? 'queued' : result.request.status },
    { status: 202 },
  );
});
