/**
 * Checkout's total for the address the shopper typed and the rate they
 * picked: quoted (shipping zone, Stripe Tax), set on the cart's one
 * PaymentIntent in place, and recorded on its pending order. No new intent
 * is ever created for an address change.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { Cart } from '../cart/cart';
import { formatMoney } from '../money';
import type { Destination } from '../pricing/quote';
import { quoteCart } from '../pricing/quote-cart';
import type { ShippingRate, ShippingRateId } from '../pricing/shipping-rates';
import { getOrder, saveCheckoutQuote } from '../store/orders';
import { findPaymentIntentRecord } from '../store/payment-intent-records';
import type { CheckoutDeps } from './checkout-deps';

export type CheckoutTotals = {
  total: number;
  totalLabel: string;
  shipping: { rate: ShippingRateId; label: string; amount: number };
  rates: ShippingRate[];
  tax: number;
  /** For the live region: "Shipping $4.99 (Standard), tax $2.31, total $32.28". */
  summary: string;
};

export type RequoteResult =
  | { ok: true; totals: CheckoutTotals }
  | {
      ok: false;
      reason: 'cart_changed' | 'not_payable' | 'refused';
      message: string;
      /** For a refused quote: the status and field the JSON API answers with. */
      status?: number;
      field?: string | null;
    };

export async function requoteCheckout(
  deps: CheckoutDeps,
  cart: Cart,
  cartId: string,
  destination: Destination,
  shippingRate: ShippingRateId | null,
): Promise<RequoteResult> {
  if (cart.id !== cartId) {
    return { ok: false, reason: 'cart_changed', message: 'Your cart changed — review your order.' };
  }
  const record = await findPaymentIntentRecord(deps.store, cart.id);
  const order = record ? await getOrder(deps.store, record.orderId) : null;
  if (!record || !order || order.payment !== 'pending') {
    return { ok: false, reason: 'not_payable', message: 'This checkout can no longer be paid.' };
  }
  const quoted = await quoteCart(deps, cart, { destination, shippingRate, discountCode: null });
  if (!quoted.ok) {
    const { message, status, field } = quoted;
    return { ok: false, reason: 'refused', message, status, field };
  }
  const { quote } = quoted;
  const shipping = quote.shipping!;
  const tax = quote.tax?.amount ?? 0;
  const calculationId = quote.tax?.calculationId ?? null;
  // Its own key per quote: the cart UUID keys only the creation of the intent.
  const quoteKey = createHash('sha256')
    .update(`${quote.total}:${shipping.rate}:${calculationId ?? ''}`)
    .digest('hex')
    .slice(0, 24);
  try {
    await deps.stripe.paymentIntents.update(
      record.paymentIntentId,
      {
        amount: quote.total,
        metadata: { quote: quoteKey, shipping_rate: shipping.rate },
        ...(calculationId ? { hooks: { inputs: { tax: { calculation: calculationId } } } } : {}),
      },
      { idempotencyKey: `${cart.id}:quote:${quoteKey}` },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      // Paying, or paid: the amount can no longer change.
      return {
        ok: false,
        reason: 'not_payable',
        message: 'Your payment is already being processed.',
      };
    }
    throw error;
  }
  const saved = await saveCheckoutQuote(deps.store, order.id, {
    total: quote.total,
    shipping: shipping.amount,
    shippingRate: shipping.rate,
    country: destination.country,
    state: destination.state || null,
    tax,
    taxCalculationId: calculationId,
    at: Date.now(),
  });
  if (!saved)
    return { ok: false, reason: 'not_payable', message: 'This checkout was already paid.' };
  const money = (amount: number) => formatMoney({ amount, currency: quote.currency });
  return {
    ok: true,
    totals: {
      total: quote.total,
      totalLabel: money(quote.total),
      shipping: { rate: shipping.rate, label: shipping.label, amount: shipping.amount },
      rates: quote.shippingRates,
      tax,
      summary: `Shipping ${shipping.amount === 0 ? 'free' : money(shipping.amount)} (${shipping.label}), tax ${money(tax)}, total ${money(quote.total)}`,
    },
  };
}

/**
 * Right before confirming: does the intent charge what the page shows? A stale
 * tab or an update still in flight gets the current total instead of a charge.
 */
export async function checkPayableAmount(
  deps: CheckoutDeps,
  cart: Cart,
  cartId: string,
  shownTotal: number,
): Promise<{ ok: true } | { ok: false; message: string; total: number | null }> {
  if (cart.id !== cartId)
    return { ok: false, message: 'Your cart changed — review your order.', total: null };
  const record = await findPaymentIntentRecord(deps.store, cart.id);
  if (!record) return { ok: false, message: 'This checkout can no longer be paid.', total: null };
  // No order without its tax: the intent must carry a quote for the shipping address.
  const order = await getOrder(deps.store, record.orderId);
  if (!order?.tax) {
    return {
      ok: false,
      message: 'Shipping and tax for your address are not calculated yet; nothing was charged.',
      total: null,
    };
  }
  const intent = await deps.stripe.paymentIntents.retrieve(record.paymentIntentId);
  if (intent.amount === shownTotal) return { ok: true };
  const label = formatMoney({ amount: intent.amount, currency: intent.currency });
  return {
    ok: false,
    message: `The total changed to ${label} — review it and pay again. Nothing was charged.`,
    total: intent.amount,
  };
}
