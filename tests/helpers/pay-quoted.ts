/**
 * Paying a prepared checkout as the page does, for tests and benchmarks: quote
 * shipping and tax for the address, then confirm the intent shipping there.
 * (Fulfilment holds for review a payment made any other way.)
 */
import type Stripe from 'stripe';
import type { Cart } from '../../lib/cart/cart';
import type { CheckoutDeps } from '../../lib/checkout/checkout-deps';
import { requoteCheckout } from '../../lib/checkout/requote-checkout';
import type { Destination } from '../../lib/pricing/quote';

/** A destination without sales tax, so totals stay what the books and shipping cost. */
export const OREGON: Destination = {
  country: 'US',
  state: 'OR',
  postalCode: '97201',
  city: 'Portland',
  line1: '1 Main St',
};

/**
 * Pays a prepared checkout as the page does: quotes shipping and tax for the
 * address first, then confirms the intent shipping there.
 */
export async function confirmQuoted(
  deps: CheckoutDeps,
  cart: Cart,
  paymentIntentId: string,
  params: { payment_method: string; receipt_email?: string; name?: string },
  destination: Destination = OREGON,
): Promise<Stripe.PaymentIntent> {
  const quoted = await requoteCheckout(deps, cart, cart.id, destination, null);
  if (!quoted.ok) throw new Error(`quote refused: ${quoted.message}`);
  return deps.stripe.paymentIntents.confirm(paymentIntentId, {
    payment_method: params.payment_method,
    ...(params.receipt_email ? { receipt_email: params.receipt_email } : {}),
    shipping: shippingTo(destination, params.name),
  });
}

/** The shipping the Address Element sends with a confirmation, for a destination. */
export function shippingTo(
  destination: Destination,
  name = 'Ada Reader',
): Stripe.PaymentIntentConfirmParams.Shipping {
  return {
    name,
    address: {
      country: destination.country,
      state: destination.state ?? undefined,
      postal_code: destination.postalCode ?? undefined,
      city: destination.city ?? undefined,
      line1: destination.line1 ?? '1 Main St',
    },
  };
}
