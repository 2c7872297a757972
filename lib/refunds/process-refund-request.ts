/**
 * Sends a queued refund request to Stripe (the `refund` job). The request id
 * is Stripe's idempotency key, so however often this runs (retries, two
 * instances, a worker that died after Stripe answered) it makes one refund.
 */
import 'server-only';
import { PermanentJobError } from '../jobs/job-errors';
import { jobIds } from '../jobs/job-kinds';
import { getJob } from '../jobs/job-store';
import { getOrder } from '../store/orders';
import {
  getRefundRequest,
  updateRefundRequest,
  type RefundRequest,
  type RequestStatus,
} from '../store/refund-requests';
import type { RefundDeps } from './refund-deps';
import { isTransientError } from './stripe-errors';
import { syncRefund } from './sync-refund';

export function refundRequestIdempotencyKey(requestId: string): string {
  return `refund-request:${requestId}`;
}

export async function processRefundRequest(deps: RefundDeps, requestId: string): Promise<void> {
  const request = await getRefundRequest(deps.store, requestId);
  if (!request) throw new PermanentJobError(`no refund request ${requestId}`);
  if (request.status === 'queued') {
    await updateRefundRequest(deps.store, requestId, { status: 'processing' });
  }
  let refund;
  try {
    refund = await deps.stripe.refunds.create(
      {
        payment_intent: request.paymentIntentId,
        ...(request.amount !== null ? { amount: request.amount } : {}),
        ...(request.reason ? { reason: request.reason } : {}),
        metadata: { order_id: request.orderId, request_id: requestId },
      },
      { idempotencyKey: refundRequestIdempotencyKey(requestId) },
    );
  } catch (error) {
    if (isTransientError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await updateRefundRequest(deps.store, requestId, { status: 'failed', failureReason: message });
    throw new PermanentJobError(`Stripe refused refund request ${requestId}: ${message}`);
  }
  // Records the refund on the order and names it on the request.
  await syncRefund(deps, refund, requestId);
}

export type RefundRequestView = {
  request_id: string;
  status: RequestStatus;
  refund_id: string | null;
  amount: number | null;
  failure_reason: string | null;
  order_id: string;
};

/**
 * A request as the operator sees it. Once Stripe made its refund, the status
 * is the refund's as the order last heard from Stripe (webhooks keep it
 * current); before that, a job that gave up makes the request failed.
 */
export async function viewRefundRequest(
  deps: Pick<RefundDeps, 'store'>,
  requestId: string,
): Promise<RefundRequestView | null> {
  const request = await getRefundRequest(deps.store, requestId);
  if (!request) return null;
  return describe(deps, request);
}

async function describe(
  deps: Pick<RefundDeps, 'store'>,
  request: RefundRequest,
): Promise<RefundRequestView> {
  let status = request.status;
  let failureReason = request.failureReason;
  let amount = request.amount;
  if (request.refundId) {
    const order = await getOrder(deps.store, request.orderId);
    const refund = order?.refunds.find((r) => r.refundId === request.refundId);
    if (refund) {
      status = refund.status === 'requires_action' ? 'pending' : refund.status;
      failureReason = refund.failureReason;
      amount = refund.amount;
    }
  } else if (status === 'queued' || status === 'processing') {
    const job = await getJob(deps.store, jobIds.refund(request.requestId));
    if (job?.status === 'failed') {
      status = 'failed';
      failureReason = job.lastError ?? 'gave up after repeated failures';
    }
  }
  return {
    request_id: request.requestId,
    status,
    refund_id: request.refundId,
    amount,
    failure_reason: failureReason,
    order_id: request.orderId,
  };
}
