/**
 * What operators do to orders, for the back office and the operator API
 * alike: each action is checked, done, and written to the audit log with
 * its outcome, whether it succeeded or was refused.
 */
import 'server-only';
import { shipmentNoticeJob } from '../jobs/job-kinds';
import { formatMoney } from '../money';
import type { RefundReason } from '../orders/order-events';
import type { RefundDeps } from '../refunds/refund-deps';
import {
  queueRefund,
  refundNow,
  type QueueRefundResult,
  type RefundNowResult,
  type RefundTarget,
} from '../refunds/refund-order';
import { getOrder, shipOrder, type Order } from '../store/orders';
import { audit } from './audit-log';

export type ShipResult =
  { ok: true; order: Order } | { ok: false; status: number; message: string; field: string | null };

const SHIP_REFUSALS = {
  not_found: [404, 'No order with that id.'],
  not_paid: [409, 'Only a paid order can be shipped; this one is not paid.'],
  already_shipped: [409, 'This order has already been shipped.'],
  refunded: [409, 'This order was refunded in full; there is nothing to ship.'],
} as const;

export async function shipOrderAs(
  deps: RefundDeps,
  actor: string,
  orderId: string,
  shipment: { carrier: string; trackingNumber: string },
): Promise<ShipResult> {
  const notice = shipmentNoticeJob(orderId);
  const result = await shipOrder(
    deps.store,
    orderId,
    { type: 'shipped', at: Date.now(), by: actor, ...shipment },
    notice,
  );
  const detail = `${shipment.carrier} ${shipment.trackingNumber}`;
  if (!result.ok) {
    const [status, message] = SHIP_REFUSALS[result.reason];
    const known = result.reason !== 'not_found';
    await audit(deps.store, {
      actor,
      action: 'ship',
      orderId: known ? orderId : null,
      outcome: 'refused',
      detail: `${detail}: ${message}`,
    });
    return { ok: false, status, message, field: null };
  }
  await audit(deps.store, { actor, action: 'ship', orderId, outcome: 'ok', detail });
  deps.log.info({ event: 'order.shipped', orderId, by: actor });
  deps.startJobs?.([notice.id]);
  return { ok: true, order: result.order };
}

async function orderIdFor(deps: RefundDeps, target: RefundTarget, result: { ok: boolean }) {
  if ('orderId' in target)
    return (await getOrder(deps.store, target.orderId)) ? target.orderId : null;
  return result.ok && 'orderId' in result ? (result.orderId as string) : null;
}

function describeAmount(amount: number | null, currency: string | null): string {
  if (amount === null) return 'everything left';
  return currency ? formatMoney({ amount, currency }) : `${amount} minor units`;
}

export async function refundAs(
  deps: RefundDeps,
  actor: string,
  input: {
    target: RefundTarget;
    amount: number | null;
    reason: RefundReason | null;
    idempotencyKey?: string | null;
  },
): Promise<RefundNowResult> {
  let result: RefundNowResult;
  try {
    result = await refundNow(deps, input);
  } catch (error) {
    // Stripe or the store did not answer: the refund may have been made. Retrying is safe
    // (same idempotency key), and the webhook records it either way.
    await audit(deps.store, {
      actor,
      action: 'refund',
      orderId: 'orderId' in input.target ? input.target.orderId : null,
      outcome: 'failed',
      detail: `${describeAmount(input.amount, null)}: ${error instanceof Error ? error.message : String(error)}`,
    }).catch(() => undefined);
    throw error;
  }
  const orderId = result.ok ? result.orderId : await orderIdFor(deps, input.target, result);
  await audit(deps.store, {
    actor,
    action: 'refund',
    orderId,
    outcome: result.ok ? 'ok' : 'refused',
    detail: result.ok
      ? `${result.refund.id}: ${describeAmount(result.refund.amount, result.refund.currency)}, ${result.refund.status}`
      : `${describeAmount(input.amount, null)}: ${result.message}`,
  });
  return result;
}

export async function queueRefundAs(
  deps: RefundDeps,
  actor: string,
  input: {
    requestId: string;
    target: RefundTarget;
    amount: number | null;
    reason: RefundReason | null;
  },
): Promise<QueueRefundResult> {
  const result = await queueRefund(deps, { ...input, requestedBy: actor });
  const orderId = result.ok ? result.request.orderId : await orderIdFor(deps, input.target, result);
  await audit(deps.store, {
    actor,
    action: 'queue_refund',
    orderId,
    outcome: result.ok ? 'ok' : 'refused',
    detail: result.ok
      ? `request ${input.requestId}${result.created ? '' : ' (submitted again)'}: ${describeAmount(input.amount, null)}`
      : `request ${input.requestId}: ${result.message}`,
  });
  return result;
}
