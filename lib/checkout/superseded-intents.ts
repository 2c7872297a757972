import 'server-only';
import type Stripe from 'stripe';
import { getOrder, settlePayment } from '../store/orders';
import { findPaymentIntentRecord } from '../store/payment-intent-records';
import type { CheckoutDeps } from './checkout-deps';
import { releaseHolds } from './release-holds';

const CANCELABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);

/**
 * A cart changed (new UUID): cancel the intent of the cart it replaced, so a
 * checkout still open on the old cart cannot pay the old amount. An intent
 * already paid or paying is left alone; its order is fulfilled as usual.
 */
export async function cancelSupersededIntent(
  deps: CheckoutDeps,
  oldCartId: string,
): Promise<boolean> {
  const record = await findPaymentIntentRecord(deps.store, oldCartId);
  if (!record) return false;
  const order = await getOrder(deps.store, record.orderId);
  if (order && order.status !== 'pending') return false;
  let intent: Stripe.PaymentIntent = await deps.stripe.paymentIntents.retrieve(
    record.paymentIntentId,
  );
  if (!CANCELABLE.has(intent.status)) return false;
  intent = await deps.stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
  // The old cart's hold on a code's use and on its copies goes back to everyone.
  if (order) await releaseHolds(deps, order);
  await settlePayment(deps.store, record.orderId, {
    type: 'canceled',
    at: Date.now(),
    reason: 'The cart changed before payment.',
  });
  return intent.status === 'canceled';
}
