/**
 * What Folio asks Stripe's hosted Checkout for: the books at catalog prices
 * (never a price from the browser), the destination zone's rates, Stripe Tax,
 * the shopper's discount as a one-off coupon, and the ids that tie the session
 * to its cart and order.
 */
import type Stripe from 'stripe';
import type { PricedCart } from '../cart/cart-pricing';
import { ratesFor, zoneFor } from '../pricing/shipping-rates';
import { TAX_CODES } from '../pricing/stripe-tax';

export type SessionTarget = {
  cart: PricedCart;
  cartId: string;
  orderId: string;
  /** The shopper's browser session (the cart cookie's `sid`): who may read it back. */
  shopperSessionId: string;
  country: string;
  appUrl: string;
  couponId: string | null;
  /** Unix seconds: Stripe's page stops taking payment then. */
  expiresAt: number;
};

export function checkoutSessionParams(target: SessionTarget): Stripe.Checkout.SessionCreateParams {
  const { cart, cartId, orderId, country } = target;
  const zone = zoneFor(country);
  if (!zone) throw new Error(`no shipping zone for ${country}`);
  const goods = cart.subtotal - (cart.discount?.amount ?? 0);
  const metadata = {
    cart_id: cartId,
    order_id: orderId,
    session_id: target.shopperSessionId,
    ...(cart.discount ? { discount_code: cart.discount.code } : {}),
  };
  return {
    mode: 'payment',
    expires_at: target.expiresAt,
    line_items: cart.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency: cart.currency,
        unit_amount: line.unitAmount,
        tax_behavior: 'exclusive',
        product_data: {
          name: line.book.title,
          description: `by ${line.book.author}`,
          tax_code: TAX_CODES.book,
          metadata: { book_id: line.book.id },
        },
      },
    })),
    shipping_address_collection: {
      allowed_countries: [
        country as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry,
      ],
    },
    shipping_options: ratesFor(zone, goods).map((rate) => ({
      shipping_rate_data: {
        type: 'fixed_amount',
        display_name: rate.label,
        fixed_amount: { amount: rate.amount, currency: cart.currency },
        delivery_estimate: {
          minimum: { unit: 'business_day', value: rate.deliveryEstimate.min },
          maximum: { unit: 'business_day', value: rate.deliveryEstimate.max },
        },
        tax_behavior: 'exclusive',
        tax_code: TAX_CODES.shipping,
        metadata: { rate_id: rate.id },
      },
    })),
    automatic_tax: { enabled: true },
    ...(target.couponId ? { discounts: [{ coupon: target.couponId }] } : {}),
    client_reference_id: cartId,
    metadata,
    payment_intent_data: {
      description: `Folio order ${orderId}`,
      metadata: { ...metadata, payment_route: 'hosted' },
    },
    success_url: `${target.appUrl}/checkout/complete?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${target.appUrl}/checkout/hosted/back`,
  };
}
