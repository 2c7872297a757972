import 'server-only';
import Stripe from 'stripe';

/**
 * Whether trying again later can succeed: Stripe's own failures (5xx), rate
 * limits (429), a concurrent request with the same idempotency key (409),
 * a connection that failed, and anything that is not Stripe's answer at all
 * (the store being down). Stripe refusing the request itself (400, 402) is final.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return true;
  if (error instanceof Stripe.errors.StripeConnectionError) return true;
  const status = error.statusCode ?? 0;
  return status === 0 || status >= 500 || status === 429 || status === 409;
}
