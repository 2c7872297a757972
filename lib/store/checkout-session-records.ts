import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { storeCall } from './store-client';
import { storeKeys, TTL_SECONDS } from './store-keys';

const recordSchema = z.object({
  checkoutSessionId: z.string(),
  url: z.string(),
  orderId: z.string(),
  /** Where the session ships to (its zone's countries): a new country is a new session. */
  country: z.string(),
  createdAt: z.number(),
});

/** The Stripe Checkout Session made for one cart (one cart UUID), like its PaymentIntent record. */
export type CheckoutSessionRecord = z.infer<typeof recordSchema>;

export async function findCheckoutSessionRecord(
  store: Redis,
  cartId: string,
): Promise<CheckoutSessionRecord | null> {
  const raw = await storeCall('findCheckoutSessionRecord', () =>
    store.get(storeKeys.checkoutSession(cartId)),
  );
  return typeof raw === 'string' ? recordSchema.parse(JSON.parse(raw)) : null;
}

/** First writer wins (SET NX); every caller gets the winning record back. */
export async function saveCheckoutSessionRecord(
  store: Redis,
  cartId: string,
  record: CheckoutSessionRecord,
): Promise<CheckoutSessionRecord> {
  const saved = await storeCall('saveCheckoutSessionRecord', () =>
    store.set(storeKeys.checkoutSession(cartId), JSON.stringify(record), {
      nx: true,
      ex: TTL_SECONDS.paymentIntentRecord,
    }),
  );
  if (saved === 'OK') return record;
  const existing = await findCheckoutSessionRecord(store, cartId);
  if (!existing)
    throw new Error(`checkout-session record for cart ${cartId} vanished after SET NX`);
  return existing;
}

export type PaymentRoute = 'embedded' | 'hosted';

/**
 * Claims how a cart UUID is paid, before anything is created for it: the first
 * claim wins, so an intent and a Checkout Session can never both exist for one
 * cart, however the requests race. Returns the winning route.
 */
export async function claimPaymentRoute(
  store: Redis,
  cartId: string,
  route: PaymentRoute,
): Promise<PaymentRoute> {
  const key = storeKeys.paymentRoute(cartId);
  const claimed = await storeCall('claimPaymentRoute', () =>
    store.set(key, route, { nx: true, ex: TTL_SECONDS.paymentIntentRecord }),
  );
  if (claimed === 'OK') return route;
  const winner = await storeCall('claimPaymentRoute', () => store.get(key));
  return winner === 'hosted' ? 'hosted' : 'embedded';
}
