/**
 * Paying on Stripe's hosted page, the second way to pay. One cart UUID is
 * paid one way only: switching from the embedded form retires its
 * PaymentIntent and moves the cart to a new UUID (derived, so concurrent
 * submits agree) with its own order and one Checkout Session; switching back
 * expires the session the same way. So a cart can never be paid twice.
 */
import 'server-only';
import Stripe from 'stripe';
import type { Cart } from '../cart/cart';
import type { PricedCart } from '../cart/cart-pricing';
import { priceCartWithCode } from '../pricing/cart-discount';
import { zoneFor } from '../pricing/shipping-rates';
import {
  claimPaymentRoute,
  findCheckoutSessionRecord,
  saveCheckoutSessionRecord,
  type CheckoutSessionRecord,
} from '../store/checkout-session-records';
import { getOrder, settlePayment } from '../store/orders';
import { findPaymentIntentRecord } from '../store/payment-intent-records';
import { createOnce } from '../store/create-once';
import { STOCK_HOLD_MS } from '../stock/cart-stock';
import { storeKeys } from '../store/store-keys';
import { addressKey, admitNewIntent, type Refusal } from './card-testing';
import type { CheckoutDeps } from './checkout-deps';
import { checkoutSessionParams } from './checkout-session-params';
import { switchedCartId } from './order-id';
import { releaseHolds } from './release-holds';
import { CODE_TAKEN, createPendingOrder, holdCodeUse, holdStockFor } from './prepare-payment';

export type HostedStart =
  /** Send the shopper to `url`; the cart cookie must hold `cartId` from now on. */
  | { kind: 'redirect'; url: string; checkoutSessionId: string; cartId: string }
  /** This cart was paid already (embedded or hosted): show its order. */
  | { kind: 'paid'; returnPath: string }
  /** An embedded payment is under way (e.g. 3D Secure): it may not be abandoned. */
  | { kind: 'paying' }
  | { kind: 'empty' }
  | { kind: 'unsupported_country'; message: string }
  | { kind: 'code_refused'; message: string }
  | { kind: 'out_of_stock'; message: string }
  | ({ kind: 'rate_limited' } & Refusal);

// Not requires_action: a 3D Secure check under way is a payment going through.
const CANCELABLE = new Set(['requires_payment_method', 'requires_confirmation']);

/** The attempt a switch abandons: its order canceled and its holds released. */
export async function releaseOrder(deps: CheckoutDeps, orderId: string, reason: string) {
  const order = await getOrder(deps.store, orderId);
  if (!order || order.payment !== 'pending') return;
  await releaseHolds(deps, order);
  await settlePayment(deps.store, orderId, { type: 'canceled', at: Date.now(), reason });
}

/** Cancels the cart's embedded intent, unless it is paid or being paid. */
async function retireIntent(
  deps: CheckoutDeps,
  intentId: string,
  orderId: string,
): Promise<'retired' | 'paid' | 'paying'> {
  let intent = await deps.stripe.paymentIntents.retrieve(intentId);
  if (CANCELABLE.has(intent.status)) {
    try {
      intent = await deps.stripe.paymentIntents.cancel(intent.id, {
        cancellation_reason: 'abandoned',
      });
    } catch (error) {
      // Confirmed (or canceled) since it was read: see what it is now.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      intent = await deps.stripe.paymentIntents.retrieve(intentId);
    }
  }
  if (intent.status === 'canceled') {
    await releaseOrder(deps, orderId, 'The shopper chose to pay on Stripe’s page.');
    return 'retired';
  }
  return intent.status === 'succeeded' ? 'paid' : 'paying';
}

/** Expires the cart's session, unless the shopper has paid on it. */
export async function retireSession(
  deps: CheckoutDeps,
  record: CheckoutSessionRecord,
): Promise<'retired' | 'paid'> {
  let session = await deps.stripe.checkout.sessions.retrieve(record.checkoutSessionId);
  if (session.status === 'open') {
    try {
      session = await deps.stripe.checkout.sessions.expire(session.id);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      session = await deps.stripe.checkout.sessions.retrieve(record.checkoutSessionId);
    }
  }
  if (session.status === 'complete') return 'paid';
  await releaseOrder(deps, record.orderId, 'The Stripe Checkout page was left unpaid.');
  return 'retired';
}

/** Whether the shopper can still pay on the session (not expired by Stripe's clock, not paid). */
async function isOpen(deps: CheckoutDeps, record: CheckoutSessionRecord): Promise<boolean> {
  const session = await deps.stripe.checkout.sessions.retrieve(record.checkoutSessionId);
  return session.status === 'open';
}

type SessionInput = {
  cart: Cart;
  priced: PricedCart;
  country: string;
  clientAddress: string | null;
  appUrl: string;
};

async function createSession(
  deps: CheckoutDeps,
  input: SessionInput,
): Promise<
  | CheckoutSessionRecord
  | Refusal
  | { codeTaken: true }
  | { routeTaken: true }
  | { outOfStock: string }
> {
  const { cart, priced, country } = input;
  if (priced.discount && !(await holdCodeUse(deps, priced.discount.code, cart.id))) {
    return { codeTaken: true };
  }
  const address = addressKey(input.clientAddress, deps.secret);
  const refused = await admitNewIntent(deps.store, {
    sessionId: cart.sessionId,
    cartId: cart.id,
    address,
  });
  if (refused) return refused;
  // Held a minute beyond the page's own expiry, so no copy is sold from under it.
  const stock = await holdStockFor(deps, cart.id, priced, Date.now() + STOCK_HOLD_MS + 60_000);
  if (stock)
    return stock.kind === 'out_of_stock' ? { outOfStock: stock.message } : { routeTaken: true };
  // An embedded intent won this cart (a request racing this one): no session beside it.
  if ((await claimPaymentRoute(deps.store, cart.id, 'hosted')) !== 'hosted') {
    return { routeTaken: true };
  }
  const orderId = await createPendingOrder(deps, cart, priced, address);
  const order = await getOrder(deps.store, orderId);
  // Stripe coupons are the only way to show a discount on its page: one, for this
  // order, of exactly what Folio's own code takes off.
  const coupon = priced.discount
    ? await deps.stripe.coupons.create(
        {
          amount_off: priced.discount.amount,
          currency: priced.currency,
          duration: 'once',
          max_redemptions: 1,
          name: priced.discount.code,
          metadata: { order_id: orderId },
        },
        { idempotencyKey: `${cart.id}:coupon` },
      )
    : null;
  const session = await deps.stripe.checkout.sessions.create(
    checkoutSessionParams({
      cart: priced,
      cartId: cart.id,
      orderId,
      shopperSessionId: cart.sessionId,
      country,
      appUrl: input.appUrl,
      couponId: coupon?.id ?? null,
      // While the code's use and the copies are held (derived from the order, so a retry sends the same).
      expiresAt: Math.floor((order?.createdAt ?? Date.now()) / 1000) + STOCK_HOLD_MS / 1000,
    }),
    // Its own key space: the cart UUID alone keys the embedded PaymentIntent.
    { idempotencyKey: `${cart.id}:session` },
  );
  deps.log.info({
    event: 'payment.checkout_session_created',
    cartId: cart.id,
    orderId,
    checkoutSessionId: session.id,
    amount: session.amount_total,
  });
  return saveCheckoutSessionRecord(deps.store, cart.id, {
    checkoutSessionId: session.id,
    url: session.url ?? '',
    orderId,
    country,
    createdAt: Date.now(),
  });
}

/** One session per cart UUID, however many submits race for it. */
async function sessionForCart(deps: CheckoutDeps, input: SessionInput): Promise<HostedStart> {
  const { cart } = input;
  const redirect = (record: CheckoutSessionRecord): HostedStart => ({
    kind: 'redirect',
    url: record.url,
    checkoutSessionId: record.checkoutSessionId,
    cartId: cart.id,
  });
  return createOnce<HostedStart>(deps.store, {
    lockKey: storeKeys.checkoutSessionLock(cart.id),
    operation: 'startHostedCheckout',
    find: async () => {
      const existing = await findCheckoutSessionRecord(deps.store, cart.id);
      return existing ? redirect(existing) : null;
    },
    create: async () => {
      const created = await createSession(deps, input);
      if ('codeTaken' in created) return { kind: 'code_refused', message: CODE_TAKEN };
      if ('routeTaken' in created) return { kind: 'paying' };
      if ('outOfStock' in created) return { kind: 'out_of_stock', message: created.outOfStock };
      if ('reason' in created) return { kind: 'rate_limited', ...created };
      return redirect(created);
    },
  });
}

export async function startHostedCheckout(
  deps: CheckoutDeps,
  cart: Cart,
  input: { country: string; clientAddress: string | null; appUrl: string },
): Promise<HostedStart> {
  const country = input.country.toUpperCase();
  if (!zoneFor(country)) {
    return { kind: 'unsupported_country', message: 'We do not ship to that country.' };
  }
  const { priced, codeProblem } = await priceCartWithCode(deps.store, cart);
  if (priced.lines.length === 0) return { kind: 'empty' };
  if (codeProblem) return { kind: 'code_refused', message: codeProblem };

  let current = cart;
  // At most two moves: off the embedded intent, and off a session that is done or
  // ships elsewhere.
  for (let step = 0; step < 3; step++) {
    const intent = await findPaymentIntentRecord(deps.store, current.id);
    if (intent) {
      const retired = await retireIntent(deps, intent.paymentIntentId, intent.orderId);
      if (retired === 'paid') {
        return {
          kind: 'paid',
          returnPath: `/checkout/complete?payment_intent=${intent.paymentIntentId}`,
        };
      }
      if (retired === 'paying') return { kind: 'paying' };
      current = { ...current, id: switchedCartId(current.id, 'hosted', deps.secret) };
      continue;
    }
    const session = await findCheckoutSessionRecord(deps.store, current.id);
    if (session && (session.country !== country || !(await isOpen(deps, session)))) {
      if ((await retireSession(deps, session)) === 'paid') {
        return {
          kind: 'paid',
          returnPath: `/checkout/complete?session_id=${session.checkoutSessionId}`,
        };
      }
      current = { ...current, id: switchedCartId(current.id, 'hosted', deps.secret) };
      continue;
    }
    return sessionForCart(deps, { ...input, cart: current, priced, country });
  }
  throw new Error(`cart ${cart.id}: no settled Checkout Session after three moves`);
}
