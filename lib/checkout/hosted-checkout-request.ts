/**
 * The hosted-Checkout steps for one HTTP request: the cart from its cookie,
 * the cookie moved when checkout moves the cart, and outages turned into
 * what the shopper is told.
 */
import 'server-only';
import Stripe from 'stripe';
import { emptyCart, type Cart } from '../cart/cart';
import { readCart, saveCart } from '../cart/cart-session';
import { getEnv } from '../env';
import { clientAddress } from '../http/client-address';
import { requestLogger } from '../log/logger';
import { findCheckoutSessionRecord } from '../store/checkout-session-records';
import { StoreUnavailableError } from '../store/store-client';
import { checkoutDeps, type CheckoutDeps } from './checkout-deps';
import { retrieveCheckoutSession, fulfilCheckoutSession } from './fulfil-checkout-session';
import { retireSession, startHostedCheckout, type HostedStart } from './hosted-checkout';
import { switchedCartId } from './order-id';

export type HostedOutcome = HostedStart | { kind: 'unavailable' };

/** Starts (or resumes) the current cart's Checkout Session; the cookie follows the cart. */
export async function startHostedForRequest(
  headers: Headers,
  country: string,
): Promise<HostedOutcome> {
  const env = getEnv();
  const deps = checkoutDeps(requestLogger(headers));
  const cart = await readCart();
  let started: HostedStart;
  try {
    started = await startHostedCheckout(deps, cart, {
      country,
      clientAddress: clientAddress(headers, env.trustProxy),
      appUrl: env.appUrl,
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof Stripe.errors.StripeError) {
      deps.log.error({
        event: 'payment.checkout_session_failed',
        cartId: cart.id,
        error: error.message,
      });
      return { kind: 'unavailable' };
    }
    throw error;
  }
  if (started.kind === 'redirect' && started.cartId !== cart.id) {
    await saveCart({ ...cart, id: started.cartId });
  }
  return started;
}

/** Where a finished start sends a browser. */
export function hostedRedirectPath(outcome: HostedOutcome): string {
  switch (outcome.kind) {
    case 'redirect':
      return outcome.url;
    case 'paid':
      return outcome.returnPath;
    case 'empty':
      return '/cart?notice=checkout-empty';
    case 'code_refused':
    case 'out_of_stock':
      // The checkout page says why the code no longer applies, or which books ran short.
      return '/checkout';
    case 'unsupported_country':
      return '/checkout?payment=hosted_country';
    case 'paying':
      return '/checkout?payment=hosted_paying';
    case 'rate_limited':
      return '/checkout?payment=hosted_rate_limited';
    case 'unavailable':
      return '/checkout?payment=hosted_unavailable';
  }
}

/**
 * "Back" from Stripe's page, or "Pay here instead": the session expires (unless
 * it was paid) and the cart moves to a new UUID for a fresh embedded payment.
 */
export async function leaveHostedForRequest(headers: Headers): Promise<string> {
  const deps = checkoutDeps(requestLogger(headers));
  try {
    return await leaveHosted(deps);
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof Stripe.errors.StripeError) {
      deps.log.error({ event: 'payment.checkout_session_leave_failed', error: error.message });
      return '/checkout?payment=hosted_unavailable';
    }
    throw error;
  }
}

async function leaveHosted(deps: CheckoutDeps): Promise<string> {
  const cart = await readCart();
  const record = await findCheckoutSessionRecord(deps.store, cart.id);
  if (!record) return '/checkout';
  if ((await retireSession(deps, record)) === 'paid') {
    return `/checkout/complete?session_id=${record.checkoutSessionId}`;
  }
  await saveCart({ ...cart, id: switchedCartId(cart.id, 'embedded', deps.secret) });
  return '/checkout';
}

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]+$/;

export type SessionReturn =
  | { kind: 'not_found' }
  | { kind: 'paid'; orderId: string }
  | { kind: 'unpaid' }
  | { kind: 'expired' };

/**
 * A Checkout Session this shopper may see (its browser session made it), read
 * from Stripe on the server, and fulfilled when paid. Another shopper's session
 * is not found, whatever its id.
 */
export async function sessionOfShopper(
  deps: CheckoutDeps,
  cart: Cart,
  id: string,
): Promise<Stripe.Checkout.Session | null> {
  if (!SESSION_ID.test(id)) return null;
  try {
    const session = await retrieveCheckoutSession(deps, id);
    return session.metadata?.session_id === cart.sessionId ? session : null;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
      return null;
    throw error;
  }
}

export async function returnFromSession(headers: Headers, id: string): Promise<SessionReturn> {
  const deps = checkoutDeps(requestLogger(headers));
  const cart = await readCart();
  const session = await sessionOfShopper(deps, cart, id);
  if (!session) return { kind: 'not_found' };
  if (session.status === 'expired') return { kind: 'expired' };
  if (session.payment_status !== 'paid') return { kind: 'unpaid' };
  const order = await fulfilCheckoutSession(deps, session);
  // The paid cart is done with: the shopper continues with a new one.
  if (session.metadata?.cart_id === cart.id) await saveCart(emptyCart(cart.sessionId));
  return { kind: 'paid', orderId: order.id };
}
