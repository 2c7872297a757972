import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

type IdPrefix =
  'pi' | 'ch' | 'pm' | 're' | 'evt' | 'req' | 'txn' | 'we' | 'taxcalc' | 'tax' | 'tax_li' | 'taxa';

/** Shorter tails, as in Stripe's own ids (`req_…`, and tax line items `tax_li_QXhWXb3MbhgP1Q`). */
const SHORT: ReadonlySet<IdPrefix> = new Set(['req', 'tax_li']);

/** Stripe-shaped ids: `pi_` + 24 alphanumerics, and so on. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomString(SHORT.has(prefix) ? 14 : 24)}`;
}

export function clientSecretFor(paymentIntentId: string): string {
  return `${paymentIntentId}_secret_${randomString(25)}`;
}
