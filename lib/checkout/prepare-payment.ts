/**
 * Prepares payment for a cart: one PaymentIntent per cart UUID, created with
 * the UUID as Stripe's idempotency key and remembered in the store (longer
 * than Stripe remembers the key), with a pending order written before the
 * client secret is handed out.
 */
import 'server-only';
import type { Cart } from '../cart/cart';
import type { PricedCart } from '../cart/cart-pricing';
import { priceCartWithCode } from '../pricing/cart-discount';
import { getDiscountCode, reserveCodeUse } from '../store/discount-code-store';
import { claimPaymentRoute, findCheckoutSessionRecord } from '../store/checkout-session-records';
import { createOrder, getOrder } from '../store/orders';
import {
  findPaymentIntentRecord,
  savePaymentIntentRecord,
  type PaymentIntentRecord,
} from '../store/payment-intent-records';
import { createOnce } from '../store/create-once';
import { holdCopies, shortageMessage, withTitles, type TitledShortage } from '../stock/cart-stock';
import { storeKeys } from '../store/store-keys';
import type { CheckoutDeps } from './checkout-deps';
import { addressKey, admitNewIntent, type Refusal } from './card-testing';
import { orderIdForCart } from './order-id';

export type PreparedPayment =
  /** `amount`: what the intent charges now (checkout's latest quote, once there is one). */
  | { kind: 'ready'; record: PaymentIntentRecord; cart: PricedCart; amount: number }
  | { kind: 'empty' }
  | { kind: 'paid'; orderId: string }
  /** The intent of this unchanged cart cannot be used (canceled, or prices changed): start over with a new cart UUID. */
  | { kind: 'restart' }
  /** The cart's discount code does not apply (any more): told before paying. */
  | { kind: 'code_refused'; message: string }
  /** Too few copies of some books are left for this cart: told before any card is asked for. */
  | { kind: 'out_of_stock'; message: string; shortages: TitledShortage[] }
  /** The shopper chose Stripe's hosted page for this cart: pay there, or switch back. */
  | { kind: 'hosted'; url: string }
  | ({ kind: 'rate_limited' } & Refusal);

function itemsSummary(cart: PricedCart): string {
  return cart.lines
    .map((line) => `${line.book.id}x${line.quantity}`)
    .join(',')
    .slice(0, 500);
}

async function outcome(
  deps: CheckoutDeps,
  record: PaymentIntentRecord,
  cart: PricedCart,
): Promise<PreparedPayment> {
  const order = await getOrder(deps.store, record.orderId);
  if (order && order.status !== 'pending') {
    return order.status === 'canceled' ? { kind: 'restart' } : { kind: 'paid', orderId: order.id };
  }
  // Same cart UUID, other total: the price list changed under it.
  if (record.amount !== cart.total || record.currency !== cart.currency) return { kind: 'restart' };
  // Each visit renews the cart's hold on its code's use; if it lapsed and was taken, say so.
  if (cart.discount && !(await holdCodeUse(deps, cart.discount.code, cart.id))) {
    return { kind: 'code_refused', message: CODE_TAKEN };
  }
  // And its hold on its copies, counted once however often it is renewed.
  const stock = await holdStockFor(deps, cart.id, cart);
  if (stock) return stock;
  return { kind: 'ready', record, cart, amount: order?.total ?? record.amount };
}

/** Holds (or renews) the cart's copies; the refusal to show when there are too few. */
export async function holdStockFor(
  deps: CheckoutDeps,
  /** The UUID being paid (a switch to Stripe's page pays under one of its own). */
  cartId: string,
  cart: PricedCart,
  until?: number,
): Promise<Extract<PreparedPayment, { kind: 'out_of_stock' | 'restart' }> | null> {
  const lines = cart.lines.map((line) => ({ bookId: line.book.id, quantity: line.quantity }));
  const held = await holdCopies(deps.store, cartId, lines, until);
  if (held.ok) return null;
  if (held.reason !== 'short') return { kind: 'restart' };
  const shortages = withTitles(held.shortages);
  deps.log.info({ event: 'payment.out_of_stock', cartId, shortages: held.shortages });
  return { kind: 'out_of_stock', message: shortageMessage(shortages), shortages };
}

export const CODE_TAKEN =
  'That discount code has just been used up by other orders. Remove it in your cart to pay without it; nothing was charged.';

export async function holdCodeUse(
  deps: CheckoutDeps,
  code: string,
  cartId: string,
): Promise<boolean> {
  const definition = await getDiscountCode(deps.store, code);
  if (!definition) return false;
  return reserveCodeUse(deps.store, code, cartId, definition.maxRedemptions);
}

/** The cart's order, pending until paid (one per cart UUID, whichever way it is paid). */
export async function createPendingOrder(
  deps: CheckoutDeps,
  cart: Cart,
  priced: PricedCart,
  address: string | null,
): Promise<string> {
  const orderId = orderIdForCart(cart.id, deps.secret);
  await createOrder(deps.store, {
    id: orderId,
    cartId: cart.id,
    sessionId: cart.sessionId,
    clientAddress: address,
    currency: priced.currency,
    lines: priced.lines.map((line) => ({
      bookId: line.book.id,
      title: line.book.title,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      lineTotal: line.lineTotal,
    })),
    subtotal: priced.subtotal,
    discount: priced.discount,
    shipping: priced.shipping,
    total: priced.total,
    createdAt: Date.now(),
  });
  return orderId;
}

async function createIntent(
  deps: CheckoutDeps,
  cart: Cart,
  priced: PricedCart,
  clientAddress: string | null,
): Promise<
  | PaymentIntentRecord
  | Refusal
  | { codeTaken: true }
  | { routeTaken: true }
  | { refused: PreparedPayment }
> {
  // A limited code's use is held before anything is created, so the shopper who loses
  // the race for the last use is told before paying.
  if (priced.discount && !(await holdCodeUse(deps, priced.discount.code, cart.id))) {
    return { codeTaken: true };
  }
  const address = addressKey(clientAddress, deps.secret);
  const refused = await admitNewIntent(deps.store, {
    sessionId: cart.sessionId,
    cartId: cart.id,
    address,
  });
  if (refused) {
    deps.log.warn({ event: 'payment.rate_limited', cartId: cart.id, reason: refused.reason });
    return refused;
  }
  // Copies are held before the order and its intent exist: a shopper who loses the
  // race for the last copy is told before any card is asked for.
  const stock = await holdStockFor(deps, cart.id, priced);
  if (stock) return { refused: stock };
  // Stripe's hosted page won this cart (a request racing this one): no intent beside it.
  if ((await claimPaymentRoute(deps.store, cart.id, 'embedded')) !== 'embedded') {
    return { routeTaken: true };
  }
  const orderId = await createPendingOrder(deps, cart, priced, address);
  const intent = await deps.stripe.paymentIntents.create(
    {
      amount: priced.total,
      currency: priced.currency,
      automatic_payment_methods: { enabled: true },
      description: `Folio order ${orderId}`,
      metadata: {
        cart_id: cart.id,
        order_id: orderId,
        session_id: cart.sessionId,
        items: itemsSummary(priced),
        ...(priced.discount ? { discount_code: priced.discount.code } : {}),
      },
    },
    { idempotencyKey: cart.id },
  );
  deps.log.info({
    event: 'payment.intent_created',
    cartId: cart.id,
    orderId,
    paymentIntentId: intent.id,
    amount: intent.amount,
    currency: intent.currency,
  });
  const saved = await savePaymentIntentRecord(deps.store, cart.id, {
    paymentIntentId: intent.id,
    clientSecret: intent.client_secret ?? '',
    orderId,
    amount: intent.amount,
    currency: intent.currency,
    createdAt: Date.now(),
  });
  return saved.record;
}

export async function preparePayment(
  deps: CheckoutDeps,
  cart: Cart,
  /** As the trusted proxy reports it; null when no address is known. */
  clientAddress: string | null,
): Promise<PreparedPayment> {
  const { priced, codeProblem } = await priceCartWithCode(deps.store, cart);
  if (priced.lines.length === 0) return { kind: 'empty' };
  if (codeProblem) return { kind: 'code_refused', message: codeProblem };

  // One cart UUID is paid one way: never an intent beside its Checkout Session.
  const hosted = await findCheckoutSessionRecord(deps.store, cart.id);
  if (hosted) {
    const order = await getOrder(deps.store, hosted.orderId);
    if (order && order.status !== 'pending') {
      return order.status === 'canceled'
        ? { kind: 'restart' }
        : { kind: 'paid', orderId: order.id };
    }
    return { kind: 'hosted', url: hosted.url };
  }
  // One request per cart talks to Stripe (the cart UUID keys the intent).
  return createOnce<PreparedPayment>(deps.store, {
    lockKey: storeKeys.paymentIntentLock(cart.id),
    operation: 'preparePayment',
    find: async () => {
      const existing = await findPaymentIntentRecord(deps.store, cart.id);
      return existing ? outcome(deps, existing, priced) : null;
    },
    create: async () => {
      const created = await createIntent(deps, cart, priced, clientAddress);
      if ('codeTaken' in created) return { kind: 'code_refused', message: CODE_TAKEN };
      if ('routeTaken' in created) return { kind: 'restart' };
      if ('refused' in created) return created.refused;
      if ('reason' in created) return { kind: 'rate_limited', ...created };
      return outcome(deps, created, priced);
    },
  });
}
