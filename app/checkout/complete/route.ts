import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import Stripe from 'stripe';
import { emptyCart } from '@/lib/cart/cart';
import { readCart, saveCart } from '@/lib/cart/cart-session';
import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { returnFromSession } from '@/lib/checkout/hosted-checkout-request';
import { requestLogger } from '@/lib/log/logger';

function notFound() {
  return new Response(
    '<!doctype html><title>Not found</title><h1>Payment not found</h1><p><a href="/">Back to the catalog</a></p>',
    {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
  );
}

/**
 * Where Stripe.js (or Stripe's hosted page) returns the shopper after paying. The outcome is read from
 * Stripe on the server (never from `redirect_status`), and only for an intent
 * of this shopper's session.
 */
export async function GET(request: NextRequest) {
  const sessionId = request.nextUrl.searchParams.get('session_id');
  if (sessionId !== null) {
    // Back from Stripe's hosted page (success_url).
    const returned = await returnFromSession(request.headers, sessionId);
    if (returned.kind === 'not_found') return notFound();
    if (returned.kind === 'paid') redirect(`/orders/${returned.orderId}`);
    if (returned.kind === 'expired') redirect('/cart?notice=payment-canceled');
    redirect('/checkout');
  }
  const id = request.nextUrl.searchParams.get('payment_intent') ?? '';
  if (!/^pi_[A-Za-z0-9]+$/.test(id)) return notFound();
  const deps = checkoutDeps(requestLogger(request.headers));
  const cart = await readCart();
  let intent: Stripe.PaymentIntent;
  try {
    intent = await deps.stripe.paymentIntents.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
      return notFound();
    throw error;
  }
  if (intent.metadata.session_id !== cart.sessionId || !intent.metadata.order_id) return notFound();
  const orderId = intent.metadata.order_id;
  deps.log.info({
    event: 'checkout.returned',
    orderId,
    paymentIntentId: intent.id,
    status: intent.status,
  });

  if (intent.status === 'succeeded' || intent.status === 'processing') {
    if (intent.status === 'succeeded') await fulfilOrder(deps, intent);
    // The paid cart is done with: the shopper continues with a new one.
    if (intent.metadata.cart_id === cart.id) await saveCart(emptyCart(cart.sessionId));
    redirect(`/orders/${orderId}`);
  }
  if (intent.status === 'canceled') redirect('/cart?notice=payment-canceled');
  const code =
    intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? 'incomplete';
  redirect(`/checkout?payment=${encodeURIComponent(code)}`);
}
