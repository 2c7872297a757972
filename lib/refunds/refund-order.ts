/**
 * Refunds started by an operator (back office or API): immediately, waiting
 * for Stripe's answer, or queued as a request the job runner sends. Both
 * check the order first, so a refund Stripe would refuse, or one larger than
 * what is left, is refused with a specific message and never sent.
 */
import 'server-only';
import Stripe from 'stripe';
import { refundJob } from '../jobs/job-kinds';
import { formatMoney } from '../money';
import { capturedPayment } from '../orders/captured-payment';
import type { RefundReason, RefundStatus } from '../orders/order-events';
import { getOrder, type Order } from '../store/orders';
import {
  createRefundRequest,
  getRefundRequest,
  type RefundRequest,
} from '../store/refund-requests';
import type { RefundDeps } from './refund-deps';
import { isTransientError } from './stripe-errors';
import { refundEventOf, syncRefund } from './sync-refund';

export type RefundFailure = { ok: false; status: number; message: string; field: string | null };

export type RefundTarget = { orderId: string } | { paymentIntentId: string };

/** The order and intent a refund is for, when that order can still be refunded that much. */
async function refundableOrder(
  deps: RefundDeps,
  target: RefundTarget,
  amount: number | null,
): Promise<{ ok: true; order: Order; paymentIntentId: string; amount: number } | RefundFailure> {
  let orderId: string | null;
  if ('orderId' in target) {
    orderId = target.orderId;
  } else {
    try {
      const intent = await deps.stripe.paymentIntents.retrieve(target.paymentIntentId);
      orderId = intent.metadata.order_id ?? null;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) orderId = null;
      else throw error;
    }
    if (!orderId) {
      return {
        ok: false,
        status: 404,
        message: 'No order of this store was paid with that PaymentIntent.',
        field: 'payment_intent_id',
      };
    }
  }
  const order = await getOrder(deps.store, orderId);
  if (!order)
    return { ok: false, status: 404, message: 'No order with that id.', field: 'order_id' };
  const captured = capturedPayment(order);
  if (!captured) {
    return {
      ok: false,
      status: 409,
      message: `Only a paid order can be refunded; order ${order.id} is ${order.status.replace('_', ' ')}.`,
      field: null,
    };
  }
  if ('paymentIntentId' in target && target.paymentIntentId !== captured.paymentIntentId) {
    return {
      ok: false,
      status: 404,
      message: 'That PaymentIntent did not pay its order.',
      field: 'payment_intent_id',
    };
  }
  const left = captured.amount - order.refunded;
  const money = (value: number) => formatMoney({ amount: value, currency: order.currency });
  if (left <= 0) {
    return {
      ok: false,
      status: 409,
      message: 'Nothing is left to refund on this order.',
      field: null,
    };
  }
  if (amount !== null && amount > left) {
    return {
      ok: false,
      status: 422,
      message: `At most ${money(left)} is left to refund; ${money(amount)} is too much.`,
      field: 'amount',
    };
  }
  return { ok: true, order, paymentIntentId: captured.paymentIntentId, amount: amount ?? left };
}

export type RefundNowInput = {
  target: RefundTarget;
  /** null: everything that is left. */
  amount: number | null;
  reason: RefundReason | null;
  /**
   * A caller's own key (the API's Idempotency-Key). Without one, the key is
   * the order, what it had refunded and the amount asked: a resubmission after
   * a lost answer, a double click or a reload is the same refund, while the
   * next refund of the same amount (once this one is recorded) is a new one.
   */
  idempotencyKey?: string | null;
};

export type RefundNowResult =
  | {
      ok: true;
      orderId: string;
      refund: { id: string; amount: number; currency: string; status: RefundStatus };
    }
  | RefundFailure;

export async function refundNow(deps: RefundDeps, input: RefundNowInput): Promise<RefundNowResult> {
  const checked = await refundableOrder(deps, input.target, input.amount);
  if (!checked.ok) return checked;
  let refund: Stripe.Refund;
  try {
    refund = await deps.stripe.refunds.create(
      {
        payment_intent: checked.paymentIntentId,
        // "Everything left" is Stripe's remainder, not our count of it (which may lag).
        ...(input.amount !== null ? { amount: checked.amount } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        metadata: { order_id: checked.order.id },
      },
      {
        idempotencyKey: input.idempotencyKey
          ? `refund:${input.idempotencyKey}`
          : `refund:${checked.order.id}:${checked.order.refunded}:${input.amount ?? 'rest'}:${input.reason ?? ''}`,
      },
    );
  } catch (error) {
    if (isTransientError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      status: 422,
      message: `Stripe refused the refund: ${message}`,
      field: null,
    };
  }
  await syncRefund(deps, refund);
  const event = refundEventOf(refund, null);
  return {
    ok: true,
    orderId: checked.order.id,
    refund: {
      id: refund.id,
      amount: refund.amount,
      currency: refund.currency,
      status: event.status,
    },
  };
}

export type QueueRefundInput = {
  requestId: string;
  target: RefundTarget;
  amount: number | null;
  reason: RefundReason | null;
  requestedBy: string;
};

export type QueueRefundResult =
  { ok: true; created: boolean; request: RefundRequest } | RefundFailure;

export async function queueRefund(
  deps: RefundDeps,
  input: QueueRefundInput,
): Promise<QueueRefundResult> {
  // A repeated submission gets what the first one made, even once nothing is left to refund.
  const earlier = await getRefundRequest(deps.store, input.requestId);
  if (earlier) return sameRequest(earlier, input);
  const checked = await refundableOrder(deps, input.target, input.amount);
  if (!checked.ok) return checked;
  const { created, request } = await createRefundRequest(deps.store, {
    requestId: input.requestId,
    orderId: checked.order.id,
    paymentIntentId: checked.paymentIntentId,
    amount: input.amount,
    reason: input.reason,
    requestedBy: input.requestedBy,
  });
  if (!created) return sameRequest(request, input);
  deps.startJobs?.([refundJob(input.requestId).id]);
  return { ok: true, created, request };
}

function sameRequest(request: RefundRequest, input: QueueRefundInput): QueueRefundResult {
  const sameTarget =
    'orderId' in input.target
      ? request.orderId === input.target.orderId
      : request.paymentIntentId === input.target.paymentIntentId;
  if (sameTarget && request.amount === input.amount && request.reason === input.reason) {
    return { ok: true, created: false, request };
  }
  return {
    ok: false,
    status: 409,
    message: 'This request_id was already used for a different refund.',
    field: 'request_id',
  };
}
