/**
 * The quote for the shopper's cart to a destination: the catalog prices, the
 * code (checked against the store), the zone's rate, and Stripe Tax.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';
import type { Cart } from '../cart/cart';
import { priceCart } from '../cart/cart-pricing';
import { checkCartCode } from './cart-discount';
import type { DiscountRule } from './discount';
import { normalizeCode } from './discount-codes';
import { buildQuote, type Destination, type Quote } from './quote';
import type { ShippingRateId } from './shipping-rates';
import { calculateTax, TaxLocationError, TaxUnavailableError } from './stripe-tax';

export type QuoteRequest = {
  destination: Destination | null;
  shippingRate: ShippingRateId | null;
  /** A code to quote with instead of the cart's own; null: the cart's. */
  discountCode: string | null;
};

export type QuoteFailure = { ok: false; status: number; message: string; field: string | null };

export async function quoteCart(
  deps: { store: Redis; stripe: Stripe },
  cart: Cart,
  request: QuoteRequest,
): Promise<{ ok: true; quote: Quote } | QuoteFailure> {
  const priced = priceCart(cart);
  if (priced.lines.length === 0) {
    return { ok: false, status: 422, message: 'Your cart is empty.', field: null };
  }
  let discount: DiscountRule | null = null;
  const code = request.discountCode ? normalizeCode(request.discountCode) : cart.discountCode;
  if (code) {
    const checked = await checkCartCode(deps.store, code, { cart, subtotal: priced.subtotal });
    if (checked.ok) discount = checked.rule;
    else if (request.discountCode) {
      return { ok: false, status: 422, message: checked.message, field: 'discount_code' };
    }
  }
  const untaxed = buildQuote({
    cart: priced,
    destination: request.destination,
    shippingRate: request.shippingRate,
    discount,
  });
  if (!untaxed.ok) return { ok: false, status: 422, ...untaxed.error };
  if (!request.destination) return untaxed;
  try {
    const tax = await calculateTax(deps.stripe, untaxed.quote, request.destination);
    const taxed = buildQuote({
      cart: priced,
      destination: request.destination,
      shippingRate: request.shippingRate,
      discount,
      tax,
    });
    return taxed.ok ? taxed : { ok: false, status: 502, ...taxed.error };
  } catch (error) {
    if (error instanceof TaxLocationError) {
      return { ok: false, status: 422, message: error.message, field: 'address.postal_code' };
    }
    if (error instanceof TaxUnavailableError) {
      return {
        ok: false,
        status: 503,
        message:
          'Tax cannot be calculated right now, so nothing can be charged. Please try again in a moment.',
        field: null,
      };
    }
    throw error;
  }
}

/** A quote as the JSON API shows it; amounts are integer minor units of `currency`. */
export function toQuoteJson(quote: Quote) {
  const rate = (r: Quote['shippingRates'][number]) => ({
    id: r.id,
    label: r.label,
    amount: r.amount,
    delivery_estimate: {
      min_business_days: r.deliveryEstimate.min,
      max_business_days: r.deliveryEstimate.max,
    },
  });
  return {
    currency: quote.currency,
    subtotal: quote.subtotal,
    discount: quote.discount,
    shipping: quote.shipping ? { rate: quote.shipping.rate, ...rate(quote.shipping) } : null,
    shipping_rates: quote.shippingRates.map(rate),
    tax: quote.tax
      ? {
          amount: quote.tax.amount,
          breakdown: quote.tax.breakdown.map((entry) => ({
            jurisdiction: entry.jurisdiction,
            percentage: entry.percentage,
            amount: entry.amount,
            taxability_reason: entry.reason,
          })),
        }
      : null,
    total: quote.total,
  };
}
