import 'server-only';
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';

export type HealthReport = {
  status: 'ok' | 'unavailable';
  checks: { store: 'ok' | 'unavailable'; stripe: 'ok' | 'unavailable' };
};

/** Each dependency gets this long to answer; a load balancer calls every few seconds. */
const CHECK_TIMEOUT_MS = 2_000;
/** Stripe is asked at most this often per instance; the store (one PING) every time. */
const STRIPE_CHECK_EVERY_MS = 15_000;

async function answers(call: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      call(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

const lastStripeCheck = new WeakMap<Stripe, { at: number; result: 'ok' | 'unavailable' }>();

async function stripeAnswers(stripe: Stripe, now: number) {
  const last = lastStripeCheck.get(stripe);
  if (last && now - last.at < STRIPE_CHECK_EVERY_MS) return last.result;
  // The cheapest authenticated read: proves the key works and Stripe answers.
  const result = await answers(() => stripe.paymentIntents.list({ limit: 1 }));
  lastStripeCheck.set(stripe, { at: now, result });
  return result;
}

export async function checkHealth(
  deps: { store: Redis; stripe: Stripe },
  now = Date.now(),
): Promise<HealthReport> {
  const [store, stripe] = await Promise.all([
    answers(() => deps.store.ping()),
    stripeAnswers(deps.stripe, now),
  ]);
  return {
    status: store === 'ok' && stripe === 'ok' ? 'ok' : 'unavailable',
    checks: { store, stripe },
  };
}
