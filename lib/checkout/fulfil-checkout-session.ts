/**
 * Fulfilment of a hosted Checkout payment: the session is read from Stripe
 * (never from a request), its amounts become the order's quote (Stripe priced
 * shipping and tax for the address the shopper typed on its page), and the
 * one `fulfilOrder` moves the order to paid, once. A session whose books or
 * discount differ from the order gets no quote, so the order is held for review.
 */
import 'server-only';
import type Stripe from 'stripe';
import { getOrder, saveCheckoutQuote, type Order } from '../store/orders';
import type { CheckoutDeps } from './checkout-deps';
import { fulfilOrder, UnknownOrderError } from './fulfil-order';

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

export function retrieveCheckoutSession(deps: CheckoutDeps, id: string) {
  return deps.stripe.checkout.sessions.retrieve(id, { expand: ['shipping_cost.shipping_rate'] });
}

/** The session's shipping rate as Folio names it (the metadata it was created with). */
function rateOf(session: Stripe.Checkout.Session): string {
  const rate = session.shipping_cost?.shipping_rate;
  return (typeof rate === 'object' && rate?.metadata?.rate_id) || 'standard';
}

export async function fulfilCheckoutSession(
  deps: CheckoutDeps,
  session: Stripe.Checkout.Session,
): Promise<Order> {
  const orderId = session.metadata?.order_id;
  const order = orderId ? await getOrder(deps.store, orderId) : null;
  if (!order || order.cartId !== session.client_reference_id) {
    throw new UnknownOrderError(`No order for Checkout Session ${session.id}`);
  }
  const intentId = idOf(session.payment_intent);
  if (session.payment_status !== 'paid' || !intentId) return order;
  // Stripe prices shipping and tax; the books and the discount must be Folio's own.
  const booksMatch =
    session.amount_subtotal === order.subtotal &&
    (session.total_details?.amount_discount ?? 0) === (order.discount?.amount ?? 0) &&
    session.currency === order.currency;
  if (order.payment === 'pending' && booksMatch) {
    const address = session.collected_information?.shipping_details?.address;
    await saveCheckoutQuote(deps.store, order.id, {
      total: session.amount_total ?? 0,
      shipping: session.shipping_cost?.amount_subtotal ?? 0,
      shippingRate: rateOf(session),
      country: address?.country ?? '',
      state: address?.state || null,
      tax: session.total_details?.amount_tax ?? 0,
      // Checkout records its own tax transaction; there is no calculation to link.
      taxCalculationId: null,
      at: Date.now(),
    });
  }
  const intent = await deps.stripe.paymentIntents.retrieve(intentId);
  return fulfilOrder(deps, intent, { email: session.customer_details?.email ?? null });
}

/** A hosted payment's intent succeeded: fulfil through its session, whichever event came first. */
export async function fulfilHostedIntent(
  deps: CheckoutDeps,
  intent: Stripe.PaymentIntent,
): Promise<Order> {
  const { data } = await deps.stripe.checkout.sessions.list({
    payment_intent: intent.id,
    limit: 1,
  });
  const found = data[0];
  if (!found) throw new UnknownOrderError(`No Checkout Session for PaymentIntent ${intent.id}`);
  return fulfilCheckoutSession(deps, await retrieveCheckoutSession(deps, found.id));
}
