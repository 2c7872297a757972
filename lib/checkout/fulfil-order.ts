/**
 * Fulfilment, shared by the return page and the webhook. Its one effect, the
 * order's move to "paid", is an atomic first-writer-wins move in the store,
 * so however many times and from wherever it runs, an order is paid once.
 */
import 'server-only';
import type Stripe from 'stripe';
import { receiptJob } from '../jobs/job-kinds';
import { commitCodeUse } from '../store/discount-code-store';
import {
  addSessionOrder,
  getOrder,
  normalizeEmail,
  settlePayment,
  type Order,
} from '../store/orders';
import { commitCopies, withTitles } from '../stock/cart-stock';
import { tooFewMessage } from '../stock/availability';
import type { Shortage } from '../store/stock-store';
import { closeOpenIntent } from './card-testing';
import type { CheckoutDeps } from './checkout-deps';

/** A paid order's code use counts once (a set of orders), however often this runs. */
async function redeemCode(deps: CheckoutDeps, order: Order): Promise<void> {
  if (!order.discount || order.payment !== 'paid') return;
  await commitCodeUse(deps.store, order.discount.code, {
    cartId: order.cartId,
    orderId: order.id,
    email: order.paid?.email ? normalizeEmail(order.paid.email) : null,
  });
}

export class UnknownOrderError extends Error {
  override name = 'UnknownOrderError';
}

async function chargeOf(deps: CheckoutDeps, intent: Stripe.PaymentIntent) {
  const chargeId =
    typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
  return chargeId ? deps.stripe.charges.retrieve(chargeId) : null;
}

const sameRegion = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim().toUpperCase() === (b ?? '').trim().toUpperCase();

/**
 * Why a succeeded payment cannot be fulfilled as it stands, or null. The page
 * never lets a shopper pay before a quote or after the address moved; a client
 * that confirms the intent itself anyway is held for an operator, not shipped
 * without its tax.
 */
function reviewReason(order: Order, intent: Stripe.PaymentIntent): string | null {
  if (intent.amount_received !== order.total || intent.currency !== order.currency) {
    return 'The amount paid does not match the order.';
  }
  if (!order.tax || !order.quotedFor) {
    return 'Paid before shipping and tax were calculated for an address.';
  }
  const address = intent.shipping?.address;
  if (!address) return 'Paid without a shipping address.';
  if (
    !sameRegion(address.country, order.quotedFor.country) ||
    (order.quotedFor.state !== null && !sameRegion(address.state, order.quotedFor.state))
  ) {
    return 'Paid with a shipping address other than the one shipping and tax were calculated for.';
  }
  return null;
}

function lapsedHoldReason(shortages: readonly Shortage[]): string {
  const each = withTitles(shortages).map((s) => tooFewMessage(s.title, s.available));
  return `Paid after the hold on its copies had lapsed, and they were sold: ${each.join(' ')}`;
}

/** Fulfils the order of a PaymentIntent read from Stripe (never from a request). */
export async function fulfilOrder(
  deps: CheckoutDeps,
  intent: Stripe.PaymentIntent,
  /** The address Stripe's hosted page collected, where the intent carries none. */
  collected: { email: string | null } = { email: null },
): Promise<Order> {
  const orderId = intent.metadata.order_id;
  const order = orderId ? await getOrder(deps.store, orderId) : null;
  if (!order) throw new UnknownOrderError(`No order for PaymentIntent ${intent.id}`);
  if (intent.status !== 'succeeded' || order.status !== 'pending') {
    // Fulfilled before, perhaps by a run that died before counting its code: count it now.
    if (order.paid) await redeemCode(deps, order);
    return order;
  }

  // The copies are taken off the shelf first: a payment whose hold lapsed while
  // its copies were sold is held for an operator, never shipped from nothing.
  const stock = await commitCopies(deps.store, order.cartId, order.id, order.lines);
  const review = stock.ok ? reviewReason(order, intent) : lapsedHoldReason(stock.shortages);
  if (review) {
    deps.log.error({
      event: 'order.needs_review',
      orderId: order.id,
      paymentIntentId: intent.id,
      paid: intent.amount_received,
      expected: order.total,
      reason: review,
    });
    const result = await settlePayment(deps.store, order.id, {
      type: 'needs_review',
      at: Date.now(),
      reason: review,
      paid: { amount: intent.amount_received, currency: intent.currency },
      paymentIntentId: intent.id,
    });
    return result.ok ? result.order : order;
  }
  const charge = await chargeOf(deps, intent);
  const card = charge?.payment_method_details?.card;
  const receipt = receiptJob(order.id);
  const result = await settlePayment(
    deps.store,
    order.id,
    {
      type: 'paid',
      at: Date.now(),
      paymentIntentId: intent.id,
      // What the shopper typed into the Link Authentication Element, as Stripe holds it.
      email: intent.receipt_email ?? collected.email ?? charge?.billing_details.email ?? null,
      shipping: intent.shipping
        ? { name: intent.shipping.name ?? null, address: intent.shipping.address ?? null }
        : null,
      card: card?.last4 ? { brand: card.brand ?? 'card', last4: card.last4 } : null,
    },
    receipt,
  );
  await addSessionOrder(deps.store, order.sessionId, order.id);
  if (result.ok) await redeemCode(deps, result.order);
  if (order.clientAddress) await closeOpenIntent(deps.store, order.clientAddress, order.cartId);
  if (result.ok && result.changed) {
    deps.log.info({ event: 'order.paid', orderId: order.id, paymentIntentId: intent.id });
    deps.startJobs?.([receipt.id]);
  }
  return result.ok ? result.order : order;
}
