import { operatorApi, readJsonObject } from '@/lib/admin/api-route';
import { refundAs } from '@/lib/admin/operator-actions';
import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { jsonError } from '@/lib/http/json-api';
import { firstIssue, IDEMPOTENCY_KEY_PATTERN, refundBodySchema } from '@/lib/refunds/refund-input';

/**
 * `POST /api/admin/refunds` `{order_id | payment_intent_id, amount?, reason?}`:
 * refunds now and answers with Stripe's refund. A retried call is one refund:
 * by its `Idempotency-Key` header, or without one while the order's refunded
 * total is unchanged.
 */
export const POST = operatorApi(async ({ request, caller }) => {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const parsed = refundBodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const key = request.headers.get('idempotency-key');
  if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return jsonError(
      400,
      'Idempotency-Key must be 8 to 200 visible characters.',
      'Idempotency-Key',
    );
  }
  const { order_id, payment_intent_id, amount, reason } = parsed.data;
  const result = await refundAs(checkoutDeps(), caller.actor, {
    target: order_id ? { orderId: order_id } : { paymentIntentId: payment_intent_id! },
    amount: amount ?? null,
    reason: reason ?? null,
    idempotencyKey: key ? `${caller.actor}:${key}` : null,
  });
  if (!result.ok) return jsonError(result.status, result.message, result.field);
  return Response.json({ ...result.refund, order_id: result.orderId });
});
