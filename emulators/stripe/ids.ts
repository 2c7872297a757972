import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** Stripe-shaped ids: `pi_` + 24 alphanumerics, and so on. */
export function newId(prefix: 'pi' | 'ch' | 'pm' | 're' | 'evt' | 'req' | 'txn' | 'we'): string {
  return `${prefix}_${randomString(prefix === 'req' ? 14 : 24)}`;
}

export function clientSecretFor(paymentIntentId: string): string {
  return `${paymentIntentId}_secret_${randomString(25)}`;
}
