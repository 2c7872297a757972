/**
 * Records a refund on its order as Stripe reports it. Every path that learns
 * about a refund (the operator's action, a queued request, a webhook for a
 * refund made in Stripe's dashboard) ends here, so an order's refunds and
 * status follow Stripe whichever report arrives first.
 */
import 'server-only';
import type Stripe from 'stripe';
import { refundNoticeJob } from '../jobs/job-kinds';
import { REFUND_REASONS, REFUND_STATUSES, type RefundEvent } from '../orders/order-events';
import { recordRefund } from '../store/orders';
import { linkRefundToRequest } from '../store/refund-requests';
import type { RefundDeps } from './refund-deps';

function idOf(value: string | { id: string } | null): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** The order a refund belongs to: our metadata, else the intent's (dashboard refunds). */
async function orderIdOf(deps: RefundDeps, refund: Stripe.Refund): Promise<string | null> {
  if (refund.metadata?.order_id) return refund.metadata.order_id;
  const intentId = idOf(refund.payment_intent);
  if (!intentId) return null;
  const intent = await deps.stripe.paymentIntents.retrieve(intentId);
  return intent.metadata.order_id ?? null;
}

export function refundEventOf(refund: Stripe.Refund, requestId: string | null): RefundEvent {
  const status = (REFUND_STATUSES as readonly string[]).includes(refund.status ?? '')
    ? (refund.status as RefundEvent['status'])
    : 'pending';
  const reason = (REFUND_REASONS as readonly string[]).includes(refund.reason ?? '')
    ? (refund.reason as RefundEvent['reason'])
    : null;
  return {
    type: 'refund',
    at: Date.now(),
    refundId: refund.id,
    amount: refund.amount,
    status,
    reason,
    failureReason: refund.failure_reason ?? null,
    requestId: requestId ?? refund.metadata?.request_id ?? null,
  };
}

export type SyncOutcome = 'changed' | 'unchanged' | 'not_ours';

export async function syncRefund(
  deps: RefundDeps,
  refund: Stripe.Refund,
  requestId: string | null = null,
): Promise<SyncOutcome> {
  const orderId = await orderIdOf(deps, refund);
  if (!orderId) return 'not_ours';
  const event = refundEventOf(refund, requestId);
  const notice = event.status === 'succeeded' ? refundNoticeJob(orderId, refund.id) : undefined;
  const outcome = await recordRefund(deps.store, orderId, event, notice);
  if (outcome === 'not_found') return 'not_ours';
  if (event.requestId) {
    const status = event.status === 'requires_action' ? 'pending' : event.status;
    await linkRefundToRequest(deps.store, event.requestId, refund.id, status);
  }
  if (outcome === 'changed') {
    deps.log.info({
      event: 'order.refund_recorded',
      orderId,
      refundId: refund.id,
      amount: refund.amount,
      status: event.status,
    });
    // The notice job's id is one per refund, so starting it again is harmless.
    if (notice) deps.startJobs?.([notice.id]);
  }
  return outcome;
}
