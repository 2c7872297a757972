import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

type IdPrefix =
  | 'pi'
  | 'ch'
  | 'pm'
  | 're'
  | 'evt'
  | 'req'
  | 'txn'
  | 'we'
  | 'taxcalc'
  | 'tax'
  | 'tax_li'
  | 'taxa'
  | 'shr'
  | 'li'
  | 'price'
  | 'prod';

/**
 * Shorter tails, as in Stripe's own ids (`req_…`, tax line items
 * `tax_li_QXhWXb3MbhgP1Q`, products `prod_QXg1hqf4jFNsqG`).
 */
const SHORT: ReadonlySet<IdPrefix> = new Set(['req', 'tax_li', 'prod']);

/** Stripe-shaped ids: `pi_` + 24 alphanumerics, and so on. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomString(SHORT.has(prefix) ? 14 : 24)}`;
}

/**
 * Checkout Session ids are much longer than other ids: `cs_test_a1` and 56
 * more characters in Stripe's examples (`cs_test_a1YS1URlnyQCN5…`).
 */
export function checkoutSessionId(): string {
  return `cs_test_a1${randomString(56)}`;
}

/** Coupon ids Stripe picks itself are eight characters (`Z4OV52SU`). */
export function couponId(): string {
  return randomString(8).toUpperCase();
}

export function clientSecretFor(paymentIntentId: string): string {
  return `${paymentIntentId}_secret_${randomString(25)}`;
}
