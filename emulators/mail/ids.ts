import { randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LENGTH = 22;

/**
 * A message ID in Mailpit's format: a random UUID written in base 62, 22
 * characters of [0-9A-Za-z], so clients that check or store IDs see the same shape.
 */
export function newMessageId(): string {
  let n = BigInt(`0x${randomUUID().replaceAll('-', '')}`);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)]! + out;
    n /= 62n;
  }
  return out.padStart(LENGTH, '0');
}
