import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { storeCall } from './store-client';
import { storeKeys, TTL_SECONDS } from './store-keys';

const recordSchema = z.object({
  paymentIntentId: z.string(),
  clientSecret: z.string(),
  orderId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  createdAt: z.number(),
});

/** The PaymentIntent created for one cart (one cart UUID). */
export type PaymentIntentRecord = z.infer<typeof recordSchema>;

function parse(raw: unknown): PaymentIntentRecord | null {
  if (typeof raw !== 'string') return null;
  return recordSchema.parse(JSON.parse(raw));
}

export async function findPaymentIntentRecord(
  store: Redis,
  cartId: string,
): Promise<PaymentIntentRecord | null> {
  return parse(
    await storeCall('findPaymentIntentRecord', () =>
      store.get(storeKeys.paymentIntentRecord(cartId)),
    ),
  );
}

/**
 * Saves the cart's record unless one exists (SET NX): the first writer wins
 * and every caller gets the winning record back.
 */
export async function savePaymentIntentRecord(
  store: Redis,
  cartId: string,
  record: PaymentIntentRecord,
): Promise<{ saved: boolean; record: PaymentIntentRecord }> {
  const key = storeKeys.paymentIntentRecord(cartId);
  const saved = await storeCall('savePaymentIntentRecord', () =>
    store.set(key, JSON.stringify(record), { nx: true, ex: TTL_SECONDS.paymentIntentRecord }),
  );
  if (saved === 'OK') return { saved: true, record };
  const existing = await findPaymentIntentRecord(store, cartId);
  if (!existing) throw new Error(`payment-intent record for cart ${cartId} vanished after SET NX`);
  return { saved: false, record: existing };
}
